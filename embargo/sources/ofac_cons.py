"""US OFAC Consolidated Sanctions List (the non-SDN lists: SSI, NS-MBS, CMIC, NS-PLC, FSE…).

OFAC publishes it as ``CONSOLIDATED.XML`` (the SDN.XML schema, with a publication date) and as
a legacy CSV set laid out like the SDN one (``cons_prim/alt/add/comments.csv``). The XML is
preferred: it is self-contained and dated; the CSV set is read when the XML is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from embargo.sources.base import Download, EntityProxy, ParseContext
from embargo.sources.ofac_sdn import CsvSet, find_file, parse_csv_set
from embargo.sources.ofac_xml import parse_xml

NAME = "us_ofac_cons"
TITLE = "US OFAC Consolidated Sanctions List (non-SDN)"
PUBLISHER = "US Treasury OFAC"

_EXPORTS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
XML_FILE = "CONSOLIDATED.XML"
CONS_FILES = CsvSet("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv")

DOWNLOADS = [
    Download(_EXPORTS + "CONSOLIDATED.XML", XML_FILE),
    Download(_EXPORTS + "CONS_PRIM.CSV", CONS_FILES.primary, required=False),
    Download(_EXPORTS + "CONS_ALT.CSV", CONS_FILES.alt, required=False),
    Download(_EXPORTS + "CONS_ADD.CSV", CONS_FILES.add, required=False),
    Download(_EXPORTS + "CONS_COMMENTS.CSV", CONS_FILES.comments, required=False),
]


def parse(folder: Path, ctx: ParseContext) -> Iterator[EntityProxy]:
    """The XML when present, else the CSV set (which then must be complete)."""
    xml = find_file(folder, XML_FILE)
    if xml is not None:
        yield from parse_xml(xml, ctx)
        return
    if find_file(folder, CONS_FILES.primary) is None:
        raise ctx.error(XML_FILE, None, f"missing: neither {XML_FILE} nor {CONS_FILES.primary}")
    yield from parse_csv_set(folder, ctx, CONS_FILES)
