"""Reading a text: kept words with exact offsets, and the runs that may hold a name."""

from __future__ import annotations

from embargo.scan.words import NAME, Reader


def _runs(text: str) -> list[str]:
    tokens = Reader().read(text)
    return [text[slice(*tokens.span(a, b))] for a, b in tokens.runs()]


def test_offsets_point_at_the_words() -> None:
    text = "Iran’s Kashan Airfield, near Тегеран — and امیرآباد."
    tokens = Reader().read(text)
    assert tokens.words == ["Iran", "Kashan", "Airfield", "Тегеран", "and", "امیرآباد"]
    for start, end, word in zip(tokens.starts, tokens.ends, tokens.words):
        assert text[start:end] == word


def test_runs_join_names_and_stop_at_punctuation_and_prose() -> None:
    text = (
        "Central Bank of the Russian Federation said the U.S. Treasury and Kyiv, Ukraine's "
        "capital, met O'Brien-Smith & Partners at Office 39."
    )
    assert _runs(text) == [
        "Central Bank of the Russian Federation",
        "U.S. Treasury and Kyiv",  # a connector inside; each side is judged on its own
        "Ukraine",
        "O'Brien-Smith & Partners",
        "Office 39",
    ]


def test_a_sentence_end_closes_a_run() -> None:
    assert _runs("He flew to Moscow. The talks began.") == ["He", "Moscow", "The"]


def test_words_outside_latin_may_be_lower_case() -> None:
    tokens = Reader().read("особая экономическая зона Алабуга")
    assert tokens.kinds == [NAME] * 4
    assert _runs("особая экономическая зона Алабуга") == ["особая экономическая зона Алабуга"]
