"""Name normalisation: scripts, homoglyphs, romanisation keys, legal forms, minor words."""

from embargo.names.phonetic import key, skeleton
from embargo.names.prepare import ANY, ORG, PERSON, NameForm, prepare, schema_kind
from embargo.names.script import clean, latinize

# Bumped whenever normalisation changes what a name turns into: an index built under another
# value is rebuilt before use, since listed names and queries must be prepared alike.
NORMALIZATION = 70

__all__ = [
    "NORMALIZATION",
    "ANY",
    "ORG",
    "PERSON",
    "NameForm",
    "clean",
    "key",
    "latinize",
    "prepare",
    "schema_kind",
    "skeleton",
]
