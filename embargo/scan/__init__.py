"""News scanning: listed parties, sanctioned jurisdictions and flagged places in an article.

    >>> from embargo.scan import Scanner
    >>> scanner = Scanner(screener)                 # reuse it: it memoises look-ups
    >>> result = scanner.scan_document(page_html)   # or plain text
    >>> [(m.kind, m.text, m.start, m.end) for m in result.mentions]

Offsets are into ``result.text``, the article's extracted main text. Importable without
FastAPI; the CLI (``embargo scan``) and ``POST /scan`` are skins over :class:`Scanner`. Names
are imported on first use, so ``embargo`` commands that do not scan do not load the scanner.
"""

from __future__ import annotations

from embargo.lazy import exports

_EXPORTS = {
    "Document": "embargo.scan.fetch",
    "SourceError": "embargo.scan.fetch",
    "read_source": "embargo.scan.fetch",
    "Extracted": "embargo.scan.extract",
    "extract": "embargo.scan.extract",
    "Mention": "embargo.scan.scanner",
    "ScanResult": "embargo.scan.scanner",
    "Scanner": "embargo.scan.scanner",
}
__all__ = sorted(_EXPORTS)


__getattr__ = exports(__name__, _EXPORTS)
