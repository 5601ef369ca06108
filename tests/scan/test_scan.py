"""The seed article scanned against the full dataset: the parties, jurisdictions and ports it
names, nothing for the injected brand names or the headlines around it, exact offsets."""

from __future__ import annotations

import pytest

from .conftest import SPAM, news_page

pytestmark = pytest.mark.slow


def _entity_ids(mention) -> set[str]:
    return {h.entity_id for h in mention.hits}


def _refs(mention) -> set[tuple[str, str]]:
    return {(s["list"], str(s["ref"])) for h in mention.hits for s in h.sources}


@pytest.fixture(scope="module")
def result(scanner, seed_page: str):
    return scanner.scan_document(seed_page, source="news_article.txt")


def test_offsets_are_into_the_extracted_text(result) -> None:
    assert result.mentions
    for m in result.mentions:
        assert result.text[m.start : m.end] == m.text
    data = result.to_dict()
    assert "extracted" in data["offsets"] and data["text"] == result.text


def test_alabuga_zone_is_linked_to_its_list_entries(result) -> None:
    zone = [m for m in result.of_kind("entity") if "Alabuga" in m.text]
    assert [m.text for m in zone] == ["Alabuga Special Economic Zone"]
    mention = zone[0]
    assert "us-ofac-sdn-45708" in _entity_ids(mention)
    assert ("us_ofac_sdn", "45708") in _refs(mention)
    assert ("uk_ofsi_conlist", "16407") in _refs(mention)
    assert mention.score >= 0.85
    best = mention.to_dict()["hits"][0]
    assert {"entity_id", "caption", "schema", "score", "match", "sources", "explanation"} <= set(
        best
    )


def test_the_zone_is_also_a_flagged_place(result) -> None:
    places = {(m.text, m.details["key"], m.details["kind"]) for m in result.of_kind("place")}
    assert ("Alabuga Special Economic Zone", "RUYBE", "zone") in places
    assert ("Amirabad", "IRAMD", "port") in places
    assert ("Makhachkala", "RUMCX", "port") in places


def test_iran_and_russia_are_sanctioned_jurisdictions(result) -> None:
    codes = {m.details["code"]: m.details for m in result.of_kind("jurisdiction")}
    assert codes["ir"]["level"] == "embargoed"
    assert codes["ru"]["level"] == "high_risk"
    words = {m.text for m in result.of_kind("jurisdiction")}
    assert {"Iran", "Russia", "Iranian", "Russian"} <= words


def test_no_party_in_the_injected_brand_names(scanner, result, seed_page: str) -> None:
    for m in result.of_kind("entity"):
        assert not any(word in m.text for spam in SPAM for word in spam.split()), m.text
    # The spam lines on their own, not only where the article happens to put them.
    alone = scanner.scan_text("\n".join([*SPAM, seed_page.splitlines()[0]]))
    assert alone.of_kind("entity") == []


def test_no_party_in_the_unrelated_headlines(scanner, headlines: list[str]) -> None:
    scanned = scanner.scan_text("\n".join(headlines))
    assert [m.text for m in scanned.of_kind("entity")] == []


def test_the_html_page_gives_the_same_findings(
    scanner, story: list[str], headlines: list[str], article_title: str
) -> None:
    page = scanner.scan_document(news_page(article_title, story, headlines))
    assert page.extraction == "trafilatura"
    entities = {m.text: m for m in page.of_kind("entity")}
    assert "us-ofac-sdn-45708" in _entity_ids(entities["Alabuga Special Economic Zone"])
    assert {"IRAMD", "RUMCX"} <= {m.details["key"] for m in page.of_kind("place")}
    for m in page.mentions:
        assert page.text[m.start : m.end] == m.text


def test_names_in_other_scripts(scanner) -> None:
    text = "Владимир Путин посетил ОЭЗ «Алабуга» в Татарстане."
    scanned = scanner.scan_text(text)
    putin = [m for m in scanned.of_kind("entity") if m.text == "Владимир Путин"]
    assert putin and "us-ofac-sdn-35096" in _entity_ids(putin[0])
    assert "RUYBE" in {m.details["key"] for m in scanned.of_kind("place")}


def test_listed_names_in_a_list_of_names(scanner) -> None:
    scanned = scanner.scan_text("Officials said Hezbollah and Gazprom were not involved.")
    assert [m.text for m in scanned.of_kind("entity")] == ["Hezbollah", "Gazprom"]


def test_a_common_word_is_not_a_party(scanner) -> None:
    # Each of these is the whole name of some listed company or vessel.
    text = "Burns spoke at the Aspen Security Forum. The Saints won. It was Sofia's day."
    assert scanner.scan_text(text).of_kind("entity") == []


def test_linked_hits_are_matches_at_the_ordinary_threshold(result) -> None:
    from embargo.match.weights import THRESHOLD

    for m in result.of_kind("entity"):
        assert all(h.match and h.score >= THRESHOLD for h in m.hits)
