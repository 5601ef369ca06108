"""Streaming a publisher's XML file record by record, with errors that name file and line.

Lists grow every year, so records are freed as soon as the parser has yielded them; entities
are never expanded, so a downloaded file cannot make the parser read other files.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from pathlib import Path

from lxml import etree

from embargo.sources.base import ParseContext


def iter_records(
    path: Path,
    ctx: ParseContext,
    *,
    root: str,
    records: Collection[str],
    what: str,
    on_root: Callable[[etree._Element], None] | None = None,
) -> Iterator[etree._Element]:
    """Yield each element whose tag is in ``records``; check the root tag is ``root``.

    ``what`` names the expected document in the error for a wrong file ("a UN list");
    ``on_root`` sees the root element once (for its generation date).
    """
    root_seen = False
    events = etree.iterparse(str(path), events=("start", "end"), resolve_entities=False)
    try:
        for event, element in events:
            if not root_seen:
                root_seen = True
                if element.tag != root:
                    where = f"line {element.sourceline}"
                    raise ctx.error(path, where, f"not {what}: root <{element.tag}>")
                if on_root is not None:
                    on_root(element)
                continue
            if event == "end" and element.tag in records:
                yield element
                element.clear()
                parent = element.getparent()
                while element.getprevious() is not None and parent is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ctx.error(path, f"line {exc.lineno}", f"broken XML: {exc.msg}") from exc
