"""Where embargo keeps its state, read from the environment once per call."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """``$EMBARGO_HOME``, else the platform's user data dir (e.g. ``~/.local/share/embargo``)."""
    env = os.environ.get("EMBARGO_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("embargo", appauthor=False))


def from_dir() -> Path | None:
    """``$EMBARGO_FROM``: a folder of already-downloaded list files (air-gapped sites)."""
    env = os.environ.get("EMBARGO_FROM")
    return Path(env).expanduser() if env else None


def mirror() -> str | None:
    """``$EMBARGO_MIRROR``: a base URL serving ``<source>/<file>`` in place of the publishers."""
    return os.environ.get("EMBARGO_MIRROR") or None
