"""Sinhala script: names romanised as Sri Lankan names are spelt, and matched to them."""

from __future__ import annotations

import unicodedata

import pytest

from embargo.match.compare import Vocabulary
from embargo.names import latinize
from embargo.names.sinhala import SINHALA, romanize


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("මහින්ද", "mahinda"),  # al-lakuna: න් has no vowel
        ("රාජපක්ෂ", "rajapaksha"),  # the final inherent a kept
        ("රනිල්", "ranil"),
        ("සජිත්", "sajith"),  # dental ත th
        ("සිරිසේන", "sirisena"),  # vowel signs replace the inherent a
        ("ගෝඨාභය", "gotabhaya"),  # retroflex ඨ t, aspirate භ bh, long vowels single
        ("බණ්ඩාරනායක", "bandaranayaka"),
        ("ගුණවර්ධන", "gunawardhana"),  # ව w, ධ dh
        ("කුමාරතුංග", "kumarathunga"),  # anusvara before g: n
        ("සිංහ", "singha"),  # anusvara before h: ng
        ("සංබුද්ධ", "sambuddha"),  # anusvara before b: m
        ("ශවේන්ද්\u200dර", "shawendra"),  # ශ sh, rakaransaya with its zero-width joiner
        ("වික්\u200dරමසිංහ", "wikramasingha"),
        ("මෛත්\u200dරීපාල", "maithripala"),  # ෛ ai
        ("ඹ", "mba"),  # prenasalised letters
        ("ඳ", "nda"),
        ("අනුර", "anura"),  # independent vowel
        ("බැසිල්", "basil"),
    ],
)
def test_romanize(word: str, expected: str) -> None:
    assert SINHALA.search(word)
    assert romanize(word) == expected


def test_joiners_and_decomposed_vowels_read_alike() -> None:
    # Without the joiner the conjunct shows its al-lakuna, and says the same; ෝ may come
    # decomposed (ෙ ා ්).
    assert romanize("ප්\u200dරේමදාස") == romanize("ප්රේමදාස") == "premadasa"
    assert romanize(unicodedata.normalize("NFD", "ගෝඨාභය")) == "gotabhaya"


def test_latinize_reads_sinhala() -> None:
    assert latinize("චන්ද්\u200dරිකා බණ්ඩාරනායක කුමාරතුංග") == "chandrika bandaranayaka kumarathunga"


PAIRS = [
    ("ගෝඨාභය රාජපක්ෂ", "Gotabaya Rajapaksa"),
    ("මහින්ද රාජපක්ෂ", "Mahinda Rajapaksa"),
    ("රනිල් වික්\u200dරමසිංහ", "Ranil Wickremesinghe"),
    ("මෛත්\u200dරීපාල සිරිසේන", "Maithripala Sirisena"),
    ("ශවේන්ද්\u200dර සිල්වා", "Shavendra Silva"),
    ("සජිත් ප්\u200dරේමදාස", "Sajith Premadasa"),
    ("අනුර කුමාර දිසානායක", "Anura Kumara Dissanayake"),
    ("චන්ද්\u200dරිකා බණ්ඩාරනායක කුමාරතුංග", "Chandrika Bandaranaike Kumaratunga"),
    ("බැසිල් රාජපක්ෂ", "Basil Rajapaksa"),
    ("සරත් ෆොන්සේකා", "Sarath Fonseka"),
    ("රණසිංහ ප්\u200dරේමදාස", "Ranasinghe Premadasa"),
    ("දිනේෂ් ගුණවර්ධන", "Dinesh Gunawardena"),
    ("වසන්ත කරන්නාගොඩ", "Wasantha Karannagoda"),
]


@pytest.mark.parametrize(("sinhala", "latin"), PAIRS)
def test_sinhala_name_matches_its_latin_spelling(sinhala: str, latin: str) -> None:
    assert Vocabulary().compare(sinhala, latin, "Person").score >= 0.75


@pytest.mark.parametrize(
    ("sinhala", "latin"),
    [
        ("මහින්ද රාජපක්ෂ", "Ranil Wickremesinghe"),
        ("ගෝඨාභය රාජපක්ෂ", "Vladimir Putin"),
        ("සජිත් ප්\u200dරේමදාස", "Sajid Javid"),
        ("මෛත්\u200dරීපාල සිරිසේන", "Anura Kumara Dissanayake"),
    ],
)
def test_sinhala_name_does_not_match_another(sinhala: str, latin: str) -> None:
    assert Vocabulary().compare(sinhala, latin, "Person").score < 0.75
