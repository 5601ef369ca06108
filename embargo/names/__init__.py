"""Name normalisation: scripts, homoglyphs, romanisation keys, legal forms, minor words."""

from embargo.names.phonetic import key, skeleton
from embargo.names.prepare import ANY, ORG, PERSON, NameForm, prepare, schema_kind
from embargo.names.script import clean, latinize

__all__ = [
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
