"""HS codes in the forms people type, and the errors for what is not one."""

from __future__ import annotations

import pytest

from embargo.shipment.hs import HsCodeError, normalize_hs


@pytest.mark.parametrize(
    "raw", ["8542.31", "854231", "8542310000", "8542 31 00 00", "8542.31.00.00"]
)
def test_all_forms_meet_on_hs6(raw: str) -> None:
    code = normalize_hs(raw)
    assert code.hs6 == "854231"
    assert code.dotted == "8542.31"


def test_national_digits_are_kept() -> None:
    assert normalize_hs("8542310000").digits == "8542310000"
    assert normalize_hs("84091000").hs6 == "840910"


def test_heading_only_has_no_hs6() -> None:
    code = normalize_hs("8542")
    assert code.hs6 == "" and code.heading == "8542"


def test_json_number_with_lost_leading_zero() -> None:
    assert normalize_hs(10121).digits == "010121"
    assert normalize_hs(854231).hs6 == "854231"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("85AB31", "characters other than digits"),
        ("854", "3 digits"),
        ("85423100001", "11 digits"),
        ("9912.34", "chapter 99"),
        ("", "empty"),
    ],
)
def test_bad_codes_say_why(raw: str, message: str) -> None:
    with pytest.raises(HsCodeError, match=message):
        normalize_hs(raw)
