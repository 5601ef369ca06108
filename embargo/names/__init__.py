"""Name normalisation: scripts, homoglyphs, romanisation keys, legal forms, minor words."""

import hashlib
from functools import lru_cache
from importlib import resources

from embargo.names.phonetic import key, skeleton
from embargo.names.prepare import ANY, ORG, PERSON, NameForm, prepare, schema_kind
from embargo.names.script import clean, latinize

# Bumped whenever normalisation changes what a name turns into: an index built under another
# value is rebuilt before use, since listed names and queries must be prepared alike.
NORMALIZATION = 99

_NAME_DATA = ("name_terms.json", "org_words.json", "given_names.json")


@lru_cache(maxsize=1)
def data_digest() -> str:
    """A digest of the word lists names are prepared and compared with (``embargo/data``).

    An index records it beside ``NORMALIZATION`` and is rebuilt when it differs: a word added
    to a list changes what names turn into as surely as a rule does, and nobody has to
    remember to bump a number for it.
    """
    digest = hashlib.sha256()
    folder = resources.files("embargo.data")
    for name in _NAME_DATA:
        digest.update(name.encode() + b"\0" + folder.joinpath(name).read_bytes())
    return digest.hexdigest()[:16]


__all__ = [
    "NORMALIZATION",
    "data_digest",
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
