"""Chinese and Korean names in Cyrillic (Palladius, Kontsevich) meet the lists' romanisations."""

from __future__ import annotations

import pytest

from embargo.match import weights
from embargo.match.compare import Vocabulary
from embargo.names.cyrillic_asian import chinese_reading, korean_readings


def test_palladius_is_read_as_pinyin() -> None:
    assert chinese_reading("Ли Фанвэй") == "li fangwei"
    assert chinese_reading("Си Цзиньпин") == "xi jinping"
    # ань is an, ан is ang; цз before ы is z, before и j.
    assert chinese_reading("Ван Цзюнь") == "wang jun"
    assert chinese_reading("Чжан Цзыян") == "zhang ziyang"
    # A Russian name is not Palladius syllables whole.
    assert chinese_reading("Сергей Лавров") is None


def test_kontsevich_is_read_as_the_lists_korean() -> None:
    # н closes ㄴ and ㅇ alike: both readings are given.
    assert set(korean_readings("Ким Ё Чжон")) == {"kim yo jon", "kim yo jong"}
    assert "choe ryong hae" in korean_readings("Чхве Рён Хэ")
    # The older spelling: ч for ㅈ, е for ㅓ, р closing ㄹ.
    assert "kim jong un" in korean_readings("Ким Чен Ын")
    assert "kim il son" in korean_readings("Ким Ир Сен")
    # Without a Korean surname first or last the name is not read so.
    assert korean_readings("Ён Чхоль") == []
    assert korean_readings("Ким Ильич") == []


@pytest.mark.parametrize(
    ("written", "listed"),
    [
        ("Ким Ё Чжон", "KIM Yo Jong"),
        ("Чхве Рён Хэ", "CHOE Ryong Hae"),
        ("Ли Пён Чхоль", "RI Pyong Chol"),
        ("Но Гван Чхоль", "NO KWANG CHOL"),
        ("Ким Чен Ын", "KIM Jong Un"),
        ("Ли Фанвэй", "LI Fangwei"),
        ("Чжан Вэй", "ZHANG Wei"),
    ],
)
def test_a_name_in_cyrillic_meets_its_romanisation(written: str, listed: str) -> None:
    result = Vocabulary().compare(written, listed, "Person")
    assert result.score >= weights.THRESHOLD, result.explain()


def test_other_korean_names_stay_apart() -> None:
    """Read as Korean, a name still meets only the syllables it writes."""
    assert Vocabulary().compare("Ким Ё Чжон", "KIM Yong Chol", "Person").score < weights.THRESHOLD
