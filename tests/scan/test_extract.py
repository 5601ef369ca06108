"""Main-text extraction: the story stays, navigation and other stories' headlines go."""

from __future__ import annotations

from embargo.scan.extract import drop_boilerplate, extract, looks_like_html

from .conftest import news_page


def test_plain_page_keeps_the_story_and_drops_headline_lists(
    seed_page: str, story: list[str], headlines: list[str]
) -> None:
    result = extract(seed_page)
    assert result.method == "plain-text rules"
    for paragraph in story:
        assert paragraph in result.text
    for headline in headlines:
        assert headline not in result.text, headline
    assert "Home > Markets" not in result.text  # the breadcrumb line
    assert "veryGood!" not in result.text


def test_prose_after_a_headline_list_is_kept() -> None:
    text = (
        "Most read\n"
        "- Mets have visions of grandeur\n"
        "- Study finds Wisconsin voters approved a record number of school referenda\n"
        "The sanctions announced on Friday target a network of front companies that bought "
        "drone engines in Europe and shipped them through third countries to Iran.\n"
    )
    kept = drop_boilerplate(text)
    assert "Mets" not in kept and "Wisconsin" not in kept
    assert kept.startswith("The sanctions announced on Friday")


def test_html_page_goes_through_trafilatura(
    story: list[str], headlines: list[str], article_title: str
) -> None:
    page = news_page(article_title, story, headlines)
    assert looks_like_html(page)
    result = extract(page)
    assert result.method == "trafilatura"
    assert result.title and "Iran helping Russia build plant" in result.title
    for paragraph in story:
        assert paragraph in result.text
    for headline in headlines:
        assert headline not in result.text, headline
    for boilerplate in ("Privacy", "All rights reserved", "Subscribe to our newsletter"):
        assert boilerplate not in result.text


def test_plain_text_is_not_taken_for_html(seed_page: str) -> None:
    assert not looks_like_html(seed_page)
    assert not looks_like_html("Prices rose 3% <b>after</b> the announcement.")
