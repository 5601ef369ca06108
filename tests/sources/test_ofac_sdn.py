"""OFAC SDN: the real legacy CSV set, the Dec-2025 alias/address files, SDN.XML, bad input."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from embargo.sources import ofac_sdn
from embargo.sources.base import EntityProxy, ParseContext, ParseError
from embargo.sources.ofac_remarks import Listing, apply_remarks, parse_id, split_remarks

FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")


class Parsed:
    def __init__(self, folder: Path) -> None:
        self.ctx = ParseContext(ofac_sdn.NAME)
        self.entities = list(ofac_sdn.parse(folder, self.ctx))
        self.by_id = {e.id: e for e in self.entities}
        self.targets = [e for e in self.entities if e.context.get("target")]

    def ref(self, ref: str) -> EntityProxy:
        return self.by_id[ParseContext(source=ofac_sdn.NAME).make_id(ref)]

    def of_schema(self, schema: str) -> list[EntityProxy]:
        return [e for e in self.entities if e.schema.name == schema]

    def linked(self, ref: str) -> list[EntityProxy]:
        """The entities a listed party is ``Linked To``."""
        subject = self.ref(ref).id
        return [
            self.by_id[link.first("object")]
            for link in self.of_schema("UnknownLink")
            if link.first("subject") == subject
        ]

    def sanction(self, ref: str) -> EntityProxy:
        return self.by_id[ParseContext(source=ofac_sdn.NAME).make_id("sanction", ref)]


@pytest.fixture(scope="module")
def sdn(lists_dir: Path) -> Parsed:
    return Parsed(lists_dir / ofac_sdn.NAME)


def _link_folder(tmp_path: Path, sources: dict[str, Path]) -> Path:
    """A folder of symlinks to the real files (never copies of them)."""
    for name, target in sources.items():
        (tmp_path / name).symlink_to(target)
    return tmp_path


def _ctx() -> ParseContext:
    return ParseContext(ofac_sdn.NAME)


# --- the real files ------------------------------------------------------------------------


def test_every_sdn_row_is_a_listed_party(sdn: Parsed) -> None:
    assert len(sdn.targets) == 15443
    schemata = Counter(e.schema.name for e in sdn.targets)
    assert schemata["Person"] == 6927
    assert schemata["Vessel"] == 872
    assert schemata["Airplane"] == 374
    assert schemata["Organization"] + schemata["Company"] == 7270
    assert len({e.id for e in sdn.targets}) == 15443
    assert len(sdn.of_schema("Sanction")) == 15443


def test_orphan_alias_and_address_rows_are_counted(sdn: Parsed) -> None:
    warnings = sdn.ctx.warnings
    assert warnings["alt.csv: alias of an ent_num not in sdn.csv"] == 1109
    assert warnings["add.csv: address of an ent_num not in sdn.csv"] == 1852
    assert warnings["sdn_comments.csv: remarks of an ent_num not in sdn.csv"] == 1


def test_alabuga_sez(sdn: Parsed) -> None:
    sez = sdn.ref("45708")
    assert sez.schema.name == "Company"
    assert sez.get("name") == [
        "JOINT STOCK COMPANY SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION ALABUGA"
    ]
    assert set(sez.get("alias")) == {
        "AO OEZ PPT ALABUGA",
        "AKTSIONERNOE OBSHCHESTVO OSOBAYA EKONOMICHESKAYA ZONA PROMYSHLENNO-PROIZVODSTVENNOGO "
        "TIPA ALABUGA",
    }
    assert "ul. Sh-2 (Oez Alabuga Ter.) 4/1, Yelabuga, Tatarstan 423600, Russia" in sez.get(
        "address"
    )
    assert len(sez.get("address")) == 2
    assert sez.get("country") == ["ru"]
    assert sez.get("program") == ["RUSSIA-EO14024"]
    assert sez.get("innCode") == ["1646019914"]
    assert "1061674037259" in sez.get("registrationNumber")
    assert sez.get("incorporationDate") == ["2006-07-24"]
    assert "Secondary sanctions risk" in sdn.sanction("45708").first("provisions")


def test_alabuga_people_are_linked_to_the_sez(sdn: Parsed) -> None:
    person = sdn.ref("45710")
    assert person.schema.name == "Person"
    assert person.get("lastName") == ["SHAGIVALEEV"]
    assert person.get("firstName") == ["Timur Nailevich"]
    assert person.get("birthDate") == ["1978-01-28"]
    assert person.get("passportNumber") == ["753129173"]
    assert person.get("idNumber") == ["9201745357"]
    assert person.get("nationality") == ["ru"]
    assert person.get("gender") == ["male"]
    assert person.get("birthPlace") == ["Kazan, Russia"]
    assert [e.id for e in sdn.linked("45710")] == [sdn.ref("45708").id]
    assert [e.first("name") for e in sdn.linked("45711")] == ["ALBATROS OOO"]


def test_qods_aviation_industries(sdn: Parsed) -> None:
    qai = sdn.ref("16418")
    assert qai.get("name") == ["QODS AVIATION INDUSTRIES"]
    assert qai.get("program") == ["NPWMD", "IFSR", "IRAN-CON-ARMS-EO", "RUSSIA-EO14024"]
    assert {"QODS RESEARCH CENTER", "GHODS AVIATION INDUSTRIES"} <= set(qai.get("alias"))
    assert qai.get("idNumber") == ["14005441856"]
    assert qai.get("registrationNumber") == ["483250"]
    assert len(qai.get("address")) == 3
    assert qai.get("country") == ["ir"]
    assert [e.first("name") for e in sdn.linked("16418")] == [
        "MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS"
    ]
    assert sdn.sanction("16418").get("program") == qai.get("program")
    assert sdn.sanction("16418").get("authorityId") == ["16418"]


def test_shahed_weak_aliases_from_remarks(sdn: Parsed) -> None:
    shahed = sdn.ref("39637")
    assert shahed.get("name") == ["SHAHED AVIATION INDUSTRIES RESEARCH CENTER"]
    assert set(shahed.get("weakAlias")) == {"SAIRC", "SAIC"}
    assert "SAIRC" not in shahed.get("alias")
    assert "SHAHED AVIATION INDUSTRIES" in shahed.get("alias")
    assert shahed.get("website") == ["http://www.shahedaviation.com/"]
    assert shahed.get("address") == ["Shahid Lavi Street, Sajad Street, Isfahan, Iran"]
    assert [e.first("name") for e in sdn.linked("39637")] == [
        "ISLAMIC REVOLUTIONARY GUARD CORPS AIR FORCE"
    ]


def test_remarks_continued_in_sdn_comments(sdn: Parsed) -> None:
    lazarus = sdn.ref("27307")
    # "…a.k.a. 'WHOIS HACKIN" ends sdn.csv, "G TEAM'; …" starts sdn_comments.csv.
    assert "WHOIS HACKING TEAM" in lazarus.get("weakAlias")
    assert "APPLEWORM" in lazarus.get("weakAlias")


def test_vessel_with_imo_and_flag(sdn: Parsed) -> None:
    ebano = sdn.ref("4243")
    assert ebano.schema.name == "Vessel"
    assert ebano.get("imoNumber") == ["IMO7406784"]
    assert ebano.get("flag") == ["pa"]
    assert ebano.get("type") == ["General Cargo"]
    assert set(ebano.get("weakAlias")) == {"ANA I", "SAND SWAN"}
    with_imo = [e for e in sdn.of_schema("Vessel") if e.get("imoNumber")]
    assert len(with_imo) >= 860


def test_aircraft_identifiers(sdn: Parsed) -> None:
    plane = sdn.ref("15432")
    assert plane.schema.name == "Airplane"
    assert set(plane.get("serialNumber")) == {"8305", "1013409297"}
    assert plane.get("model") == ["IL-76TD"]
    assert plane.get("buildDate") == ["1991"]


def test_individual_dates_circa_and_ranges(sdn: Parsed) -> None:
    zawahiri = sdn.ref("2676")
    assert zawahiri.get("birthDate") == ["1951-06-19"]
    assert "1084010" in zawahiri.get("passportNumber")
    assert zawahiri.get("lastName") == ["AL ZAWAHIRI"]
    assert sdn.ref("7782").get("birthDate") == ["1951"]  # DOB circa 1951
    assert sorted(sdn.ref("15496").get("birthDate")) == ["1929", "1930"]  # DOB 1929 to 1930


def test_russian_identifiers_and_crypto_wallets(sdn: Parsed) -> None:
    zala = sdn.ref("45934")
    assert zala.get("innCode") == ["1841001815"]
    assert zala.get("ogrnCode") == ["1091841000624"]
    wallets = sdn.of_schema("CryptoWallet")
    assert len(wallets) >= 600
    holder_wallets = [w for w in wallets if w.first("holder") == sdn.ref("25308").id]
    assert "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h" in [w.first("publicKey") for w in holder_wallets]


def test_linked_to_resolution(sdn: Parsed) -> None:
    links = sdn.of_schema("UnknownLink")
    assert len(links) >= 6500
    assert all(sdn.by_id[link.first("object")].context.get("target") for link in links)
    assert sdn.ctx.warnings["Linked To name is ambiguous"] == 3
    # Targets not in this (2024) file stay readable in the notes.
    assert sdn.ctx.warnings["Linked To name not listed in this file"] == 9


# --- other releases and formats -------------------------------------------------------------


def test_december_2025_alias_and_address_files_against_older_sdn(
    lists_dir: Path, tmp_path: Path
) -> None:
    partial = lists_dir / "_alternates" / "us_ofac_sdn_2025-12_partial"
    folder = _link_folder(
        tmp_path,
        {
            "sdn.csv": lists_dir / ofac_sdn.NAME / "sdn.csv",
            "alt.csv": partial / "alt.csv",
            "add.csv": partial / "add.csv",
            "sdn_comments.csv": partial / "sdn_comments.csv",
        },
    )
    parsed = Parsed(folder)
    assert len(parsed.targets) == 15443
    warnings = parsed.ctx.warnings
    assert warnings["alt.csv: alias of an ent_num not in sdn.csv"] == 2108
    assert warnings["add.csv: address of an ent_num not in sdn.csv"] == 4286
    # Tails meant for remarks this older sdn.csv does not cut are refused, not glued on.
    assert warnings["sdn_comments.csv: continuation of remarks that are complete"] == 5
    assert "AO OEZ PPT ALABUGA" in parsed.ref("45708").get("alias")


SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation>
    <Publish_Date>12/19/2025</Publish_Date>
    <Record_Count>3</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>45708</uid>
    <lastName>JOINT STOCK COMPANY SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION ALABUGA</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>RUSSIA-EO14024</program></programList>
    <idList>
      <id><uid>1</uid><idType>Tax ID No.</idType><idNumber>1646019914</idNumber>
        <idCountry>Russia</idCountry></id>
      <id><uid>2</uid><idType>Organization Established Date</idType>
        <idNumber>24 Jul 2006</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>70611</uid><type>a.k.a.</type><category>strong</category>
        <lastName>AO OEZ PPT ALABUGA</lastName></aka>
      <aka><uid>9</uid><type>a.k.a.</type><category>weak</category>
        <lastName>SEZ ALABUGA</lastName></aka>
    </akaList>
    <addressList>
      <address><uid>67958</uid><address1>ul. Sh-2 (Oez Alabuga Ter.) 4/1</address1>
        <city>Yelabuga</city><stateOrProvince>Tatarstan</stateOrProvince>
        <postalCode>423600</postalCode><country>Russia</country></address>
    </addressList>
  </sdnEntry>
  <sdnEntry>
    <uid>45710</uid>
    <firstName>Timur Nailevich</firstName>
    <lastName>SHAGIVALEEV</lastName>
    <sdnType>Individual</sdnType>
    <programList><program>RUSSIA-EO14024</program></programList>
    <idList>
      <id><uid>3</uid><idType>Passport</idType><idNumber>753129173</idNumber>
        <idCountry>Russia</idCountry><expirationDate>29 Apr 2026</expirationDate></id>
      <id><uid>4</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
    </idList>
    <nationalityList><nationality><uid>5</uid><country>Russia</country>
      <mainEntry>true</mainEntry></nationality></nationalityList>
    <dateOfBirthList><dateOfBirthItem><uid>6</uid><dateOfBirth>circa 1978</dateOfBirth>
      <mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
    <placeOfBirthList><placeOfBirthItem><uid>7</uid><placeOfBirth>Kazan, Russia</placeOfBirth>
      <mainEntry>true</mainEntry></placeOfBirthItem></placeOfBirthList>
    <remarks>(Linked To: JOINT STOCK COMPANY SPECIAL ECONOMIC ZONE OF INDUSTRIAL PRODUCTION
      ALABUGA)</remarks>
  </sdnEntry>
  <sdnEntry>
    <uid>4243</uid>
    <lastName>EBANO</lastName>
    <sdnType>Vessel</sdnType>
    <programList><program>CUBA</program></programList>
    <idList><id><uid>8</uid><idType>Vessel Registration Identification</idType>
      <idNumber>IMO 7406784</idNumber></id></idList>
    <vesselInfo><callSign>HOIK</callSign><vesselType>General Cargo</vesselType>
      <vesselFlag>Panama</vesselFlag><tonnage>2595</tonnage>
      <grossRegisteredTonnage>1865</grossRegisteredTonnage></vesselInfo>
  </sdnEntry>
</sdnList>
"""


def test_sdn_xml_instead_of_csv(tmp_path: Path) -> None:
    (tmp_path / "SDN.XML").write_text(SDN_XML, encoding="utf-8")
    parsed = Parsed(tmp_path)
    assert parsed.ctx.published == "2025-12-19"
    assert len(parsed.targets) == 3
    sez = parsed.ref("45708")
    assert sez.schema.name == "Company"
    assert sez.get("alias") == ["AO OEZ PPT ALABUGA"]
    assert sez.get("weakAlias") == ["SEZ ALABUGA"]
    assert sez.get("innCode") == ["1646019914"]
    assert sez.get("incorporationDate") == ["2006-07-24"]
    assert sez.get("address") == [
        "ul. Sh-2 (Oez Alabuga Ter.) 4/1, Yelabuga, Tatarstan 423600, Russia"
    ]
    person = parsed.ref("45710")
    assert person.get("name") == ["SHAGIVALEEV, Timur Nailevich"]
    assert person.get("firstName") == ["Timur Nailevich"]
    assert person.get("birthDate") == ["1978"]
    assert person.get("passportNumber") == ["753129173"]
    assert person.get("gender") == ["male"]
    assert person.get("nationality") == ["ru"]
    assert [e.id for e in parsed.linked("45710")] == [sez.id]
    vessel = parsed.ref("4243")
    assert vessel.get("imoNumber") == ["IMO7406784"]
    assert vessel.get("callSign") == ["HOIK"]
    assert vessel.get("flag") == ["pa"]


def test_remarks_parsing_units() -> None:
    assert parse_id("HRA 738077 (Stuttgart) (Germany) issued 2001") == ("HRA 738077", "Germany")
    assert parse_id("D366 871 (Jordan) expires 2004") == ("D366 871", "Jordan")
    assert split_remarks("a.k.a. 'BNC'.") == ["a.k.a. 'BNC'"]
    ctx = _ctx()
    listing = Listing(ctx.make("Person", "1"))
    apply_remarks(
        listing,
        "DOB 1962 to 1963; alt. DOB circa 1970; nationality possibly Palestinian; "
        "Email Address x@example.com; Phone Number 982188526300; "
        "Digital Currency Address - XBT 1ABC; Some unlabelled fact; a.k.a. 'LLC 'DSD''; "
        "ОЭЗ Алабуга.",
    )
    entity = listing.entity
    assert entity.get("birthDate") == ["1962", "1963", "1970"]
    assert entity.get("nationality") == ["ps"]
    assert entity.get("email") == ["x@example.com"]
    assert entity.get("phone") == ["+982188526300"]
    assert entity.get("weakAlias") == ["LLC 'DSD'"]
    assert entity.get("notes") == ["Some unlabelled fact"]
    assert entity.get("alias") == ["ОЭЗ Алабуга"]
    assert listing.wallets == [("XBT", "1ABC")]


# --- bad input --------------------------------------------------------------------------------


def _real_set(lists_dir: Path, tmp_path: Path, skip: str = "") -> Path:
    return _link_folder(
        tmp_path, {n: lists_dir / ofac_sdn.NAME / n for n in FILES if n not in (skip, "sdn.csv")}
    )


def test_missing_sdn_csv(tmp_path: Path) -> None:
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(tmp_path, _ctx()))
    assert err.value.file == "sdn.csv"
    assert "missing" in str(err.value)


def test_missing_alt_csv(lists_dir: Path, tmp_path: Path) -> None:
    folder = _real_set(lists_dir, tmp_path, skip="alt.csv")
    (folder / "sdn.csv").symlink_to(lists_dir / ofac_sdn.NAME / "sdn.csv")
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(folder, _ctx()))
    assert err.value.file == "alt.csv"


def test_empty_sdn_csv(lists_dir: Path, tmp_path: Path) -> None:
    folder = _real_set(lists_dir, tmp_path)
    (folder / "sdn.csv").write_bytes(b"")
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(folder, _ctx()))
    assert err.value.file == "sdn.csv"
    assert "empty" in str(err.value)


def test_row_with_three_columns(lists_dir: Path, tmp_path: Path) -> None:
    folder = _real_set(lists_dir, tmp_path)
    lines = (lists_dir / ofac_sdn.NAME / "sdn.csv").read_bytes().split(b"\r\n")
    lines.insert(2, b'999999,"BROKEN ROW",-0- ')
    (folder / "sdn.csv").write_bytes(b"\r\n".join(lines))
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(folder, _ctx()))
    assert err.value.file == "sdn.csv"
    assert err.value.position == "row 3 (line 3)"
    assert "3 columns, expected 12" in str(err.value)


def test_undecodable_bytes(lists_dir: Path, tmp_path: Path) -> None:
    folder = _real_set(lists_dir, tmp_path)
    data = (lists_dir / ofac_sdn.NAME / "sdn.csv").read_bytes().split(b"\r\n")
    data[4] = data[4].replace(b"CASA", b"CA\xffSA")
    (folder / "sdn.csv").write_bytes(b"\r\n".join(data))
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(folder, _ctx()))
    assert err.value.file == "sdn.csv"
    assert err.value.position == "line 5"


def test_wrong_format_under_the_csv_name(lists_dir: Path, tmp_path: Path) -> None:
    folder = _real_set(lists_dir, tmp_path)
    (folder / "sdn.csv").write_text("<html><body>Service unavailable</body></html>\n")
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(folder, _ctx()))
    assert err.value.file == "sdn.csv"
    assert err.value.position == "row 1 (line 1)"


def test_cut_short_csv_is_flagged(lists_dir: Path, tmp_path: Path) -> None:
    folder = _real_set(lists_dir, tmp_path)
    lines = (lists_dir / ofac_sdn.NAME / "sdn.csv").read_bytes().split(b"\r\n")
    (folder / "sdn.csv").write_bytes(b"\r\n".join(lines[:100]) + b"\r\n")
    ctx = _ctx()
    targets = [e for e in ofac_sdn.parse(folder, ctx) if e.context.get("target")]
    assert len(targets) == 100
    assert ctx.warnings["file lacks the OFAC end-of-file byte (may be cut short)"] == 1


def test_truncated_sdn_xml(tmp_path: Path) -> None:
    (tmp_path / "SDN.XML").write_text(SDN_XML[: SDN_XML.index("<vesselInfo>")], encoding="utf-8")
    with pytest.raises(ParseError) as err:
        list(ofac_sdn.parse(tmp_path, _ctx()))
    assert err.value.file == "SDN.XML"
    assert err.value.position is not None and err.value.position.startswith("line ")
