"""Lao script: romanised as Laos spells its names in Latin, so a Lao name can be screened."""

from __future__ import annotations

import pytest

from embargo.match.compare import Vocabulary
from embargo.names import lao
from embargo.names.script import latinize_word, scripts_of


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return Vocabulary()


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("ທອງລຸນ", "thongloun"),  # ອ as the vowel o, ຸ as ou
        ("ບຸນຍັງ", "bounnhang"),  # ຍ as nh
        ("ສີພັນດອນ", "siphandone"),  # a long o before a final n takes an e
        ("ພົມວິຫານ", "phomvihane"),  # ຫ before a vowel is h
        ("ສອນໄຊ", "sonexay"),  # ຊ as x, ໄ as ay
        ("ພັນຄໍາ", "phankham"),  # ໍ and າ as ຳ, am
        ("ເຈົ້າ", "chao"),  # ເ-ົາ, the tone mark not written
        ("ສົມສະຫວາດ", "somsavat"),  # ຫ before a sonorant only marks its tone; final ດ t
        ("ສະເຫຼີມໄຊ", "saleumxay"),  # ຫຼ as l, ເ-ີ eu
        ("ໜູຮັກ", "nouhak"),  # the ligature ໜ as n
        ("ໄຊຍະສອນ", "xayasone"),  # the y of ay runs into the ຍ after it
        ("ຫຼວງພະບາງ", "louangphabang"),  # a ວ between initial and vowel as ou
        ("ຊຽງຂວາງ", "xiengkhouang"),
        ("ບໍ່ແກ້ວ", "bokeo"),  # final ວ as o
        ("ຄໍາມ່ວນ", "khammouane"),  # ວ as the vowel oua in a closed syllable
        ("ອັດຕະປື", "attapeu"),  # ອ carries a vowel, unsaid
        ("ໄຊສົມບູນ", "xaysomboun"),
        ("ປີ໒໐໒໔", "pi2024"),  # Lao digits as ASCII
        ("ໆ", ""),  # the repetition mark is not written
    ],
)
def test_romanize(word: str, expected: str) -> None:
    assert lao.romanize(word) == expected


def test_lao_words_are_read_as_lao() -> None:
    assert scripts_of("ທອງລຸນ ສີສຸລິດ") == {"Lao"}
    assert latinize_word("ສີສຸລິດ") == "sisoulit"
    assert lao.LAO.search("ສີສຸລິດ") and not lao.LAO.search("ประยุทธ์")  # not Thai


@pytest.mark.parametrize(
    ("lao_name", "latin"),
    [
        ("ທອງລຸນ ສີສຸລິດ", "Thongloun Sisoulith"),
        ("ບຸນຍັງ ວໍລະຈິດ", "Bounnhang Vorachith"),
        ("ພັນຄໍາ ວິພາວັນ", "Phankham Viphavanh"),
        ("ສອນໄຊ ສີພັນດອນ", "Sonexay Siphandone"),
        ("ໄກສອນ ພົມວິຫານ", "Kaysone Phomvihane"),
        ("ຄໍາໄຕ ສີພັນດອນ", "Khamtai Siphandone"),
        ("ເຈົ້າສຸພານຸວົງ", "Souphanouvong"),  # with the title Chao (Prince) written in
        ("ຈູມມະລີ ໄຊຍະສອນ", "Choummaly Sayasone"),
        ("ບົວສອນ ບຸບຜາວັນ", "Bouasone Bouphavanh"),
        ("ທອງສິງ ທໍາມະວົງ", "Thongsing Thammavong"),
        ("ສົມສະຫວາດ ເລັ່ງສະຫວັດ", "Somsavat Lengsavad"),
        ("ໄຊສົມພອນ ພົມວິຫານ", "Xaysomphone Phomvihane"),
        ("ບຸນທອງ ຈິດມະນີ", "Bounthong Chitmany"),
        ("ປານີ ຢາທໍ່ຕູ້", "Pany Yathotou"),
        ("ສະເຫຼີມໄຊ ກົມມະສິດ", "Saleumxay Kommasith"),
        ("ໜູຮັກ ພູມສະຫວັນ", "Nouhak Phoumsavanh"),
    ],
)
def test_lao_name_meets_its_latin_spelling(
    vocabulary: Vocabulary, lao_name: str, latin: str
) -> None:
    assert vocabulary.compare(lao_name, latin, "Person").score >= 0.75


@pytest.mark.parametrize(
    ("lao_name", "latin"),
    [
        ("ທອງລຸນ ສີສຸລິດ", "Vladimir Putin"),
        ("ທອງລຸນ ສີສຸລິດ", "Thongsing Thammavong"),  # another Lao official
        ("ໄກສອນ ພົມວິຫານ", "Kim Jong Un"),
        ("ສອນໄຊ ສີພັນດອນ", "Bounnhang Vorachith"),
    ],
)
def test_lao_name_does_not_meet_another(vocabulary: Vocabulary, lao_name: str, latin: str) -> None:
    assert vocabulary.compare(lao_name, latin, "Person").score < 0.75
