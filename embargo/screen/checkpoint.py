"""The small file beside the output that lets a killed run resume without losing or repeating rows.

It is written only after the output (and errors file) were flushed and fsynced up to the
recorded offsets, and replaced atomically, so it never claims more than is on disk. On resume
the output is cut back to ``output_offset`` (dropping any half-written tail) and reading goes
on after ``last_row``.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

FORMAT = 1


class ResumeError(Exception):
    """``--resume`` is refused: what was started cannot be continued as it was."""


def input_fingerprint(path: Path) -> str:
    """Path, size and modification time of the input: changes whenever the file does."""
    stat = path.stat()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def settings_fingerprint(settings: dict[str, Any]) -> str:
    """The options that shape the output; resuming with others would mix two kinds of rows."""
    return hashlib.sha256(orjson.dumps(settings, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


@dataclass
class Checkpoint:
    input: str
    input_fingerprint: str
    dataset_version: str
    settings: str
    last_row: int = 0
    output_offset: int = 0
    errors_offset: int = 0
    rows: int = 0
    matched: int = 0
    hits: int = 0
    errors: int = 0
    format: int = FORMAT
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Checkpoint:
        try:
            data = orjson.loads(path.read_bytes())
            return cls(**data)
        except (OSError, orjson.JSONDecodeError, TypeError) as exc:
            raise ResumeError(f"{path}: not a readable checkpoint ({exc})") from exc

    def save(self, path: Path) -> None:
        """Replace ``path`` atomically and durably."""
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            fh.write(orjson.dumps(asdict(self), option=orjson.OPT_INDENT_2))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        _fsync_dir(path.parent)

    def check_resumable(self, path: Path, *, fingerprint: str, version: str, settings: str) -> None:
        """Refuse when the input, the dataset version or the options differ from the run's."""
        if self.format != FORMAT:
            raise ResumeError(f"{path}: written by another version of embargo")
        if self.input_fingerprint != fingerprint:
            raise ResumeError(
                f"the input {self.input} changed since the checkpoint (size or modification "
                "time differ); run without --resume to start over"
            )
        if self.dataset_version != version:
            raise ResumeError(
                f"the dataset changed since the checkpoint (was {self.dataset_version}, now "
                f"{version}); run without --resume to screen the whole file against {version}"
            )
        if self.settings != settings:
            raise ResumeError(
                "the options (format, columns, threshold, limit, schema, --all-hits, delimiter or "
                "encoding) differ from the interrupted run's; run without --resume to start over"
            )


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
