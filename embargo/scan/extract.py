"""The main text of a page: the story, without navigation, footers and lists of other headlines.

HTML goes through trafilatura, which reads the page's structure (navigation, link-dense
asides, footers) to keep the article. Plain text (a page already flattened, as scrapers
store it) has no structure left to read, so a small rule takes its place, with its words in
``data/text_rules.toml``:

* a line naming a headline list ("Related", "Ranking", "Most read", "In:") is dropped with
  the short headline-like lines under it, up to the next line of prose;
* navigation lines (breadcrumbs ``Home > Markets``, reaction counters, copyright lines) are
  dropped.

The same rule runs after trafilatura too, for pages whose headline lists trafilatura keeps.
Offsets reported by a scan are into the text returned here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from embargo.scan.words import text_rules

_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)", re.IGNORECASE)
_TAGS = re.compile(r"<(p|div|article|section|h[1-6]|ul|li|a|span|br|table)\b", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-–—•*·]|\d+[.)])\s*")
_PROSE_END = re.compile(r"[.!]['\"”’)]?\s*$")


@dataclass(frozen=True)
class Extracted:
    """The text a scan reads, and how it was obtained."""

    text: str
    method: str  # "trafilatura" or "plain-text rules"
    title: str | None = None


def looks_like_html(raw: str) -> bool:
    """A document that starts like HTML, or has several block tags in its first 4 KB."""
    head = raw[:4096]
    return bool(_HTML.match(head)) or len(_TAGS.findall(head)) >= 3


def extract(raw: str, url: str | None = None, html: bool | None = None) -> Extracted:
    """The main text of ``raw`` (HTML or plain text; ``html`` forces the reading)."""
    if html is None:
        html = looks_like_html(raw)
    return extract_html(raw, url) if html else extract_plain(raw)


def extract_html(page: str, url: str | None = None) -> Extracted:
    import trafilatura

    doc = trafilatura.bare_extraction(
        page,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
    )
    text = (doc.text if doc is not None else "") or ""
    title = doc.title if doc is not None else None
    if title and title.strip() and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n{text}"
    return Extracted(drop_boilerplate(text), "trafilatura", title)


def extract_plain(text: str) -> Extracted:
    return Extracted(drop_boilerplate(text), "plain-text rules")


@cache
def _rules() -> tuple[frozenset[str], int, re.Pattern[str]]:
    rules = text_rules()["plain_text"]
    headings = frozenset(h.casefold() for h in rules["list_headings"])
    navigation = re.compile("|".join(f"(?:{p})" for p in rules["navigation"]), re.IGNORECASE)
    return headings, int(rules["max_headline_words"]), navigation


def _heading(line: str) -> str:
    return _BULLET.sub("", line).strip().rstrip(":").strip().casefold()


def _headline_like(line: str, max_words: int) -> bool:
    words = line.split()
    return 0 < len(words) <= max_words and not (len(words) > 12 and _PROSE_END.search(line))


def drop_boilerplate(text: str) -> str:
    """``text`` without headline lists under their headings and without navigation lines."""
    headings, max_words, navigation = _rules()
    kept: list[str] = []
    in_list = False
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            if not in_list:
                kept.append(line)
            continue
        if _heading(stripped) in headings:
            in_list = True
            continue
        if in_list and _headline_like(stripped, max_words):
            continue
        in_list = False
        if navigation.match(stripped):
            continue
        kept.append(line)
    return "\n".join(kept).strip("\n") + ("\n" if kept else "")
