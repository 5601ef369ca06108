"""HS codes as people type them: ``8542.31``, ``854231``, ``8542 31 00 00``, ``8542310000``.

Lists such as the CHPL are set at the 6-digit HS level, shared by every customs tariff; national
8-, 9- (Japan) or 10-digit codes extend it, so a code is matched on its first six digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEPARATORS = re.compile(r"[\s.\-/]+")


class HsCodeError(ValueError):
    """Not an HS code; the message says what was wrong."""


@dataclass(frozen=True)
class HsCode:
    raw: str
    digits: str

    @property
    def hs6(self) -> str:
        """The international subheading ('' when only a 4-digit heading was given)."""
        return self.digits[:6] if len(self.digits) >= 6 else ""

    @property
    def heading(self) -> str:
        return self.digits[:4]

    @property
    def dotted(self) -> str:
        """The usual printed form, ``8542.31`` (or ``8542`` for a bare heading)."""
        return f"{self.digits[:4]}.{self.digits[4:6]}" if self.hs6 else self.digits[:4]


def normalize_hs(value: str | int) -> HsCode:
    """Strip dots, spaces and dashes; require 4 to 10 digits.

    A JSON number loses the leading zero of chapters 01–09, so a 5- or 7-digit number (``10121``)
    is read as ``010121``; a 9-digit number stays as it is (Japan's statistical codes have nine
    digits), so give codes of chapters 01–09 as strings.
    """
    raw = str(value).strip()
    if isinstance(value, int) and len(raw) in (5, 7):
        raw = "0" + raw
    digits = _SEPARATORS.sub("", raw)
    if not digits:
        raise HsCodeError("HS code is empty")
    if not digits.isdigit():
        raise HsCodeError(f"HS code {str(value)!r} has characters other than digits, dots, spaces")
    if not 4 <= len(digits) <= 10:
        raise HsCodeError(f"HS code {str(value)!r} has {len(digits)} digits; expected 4 to 10")
    if digits[:2] == "00" or int(digits[:2]) > 97:
        raise HsCodeError(f"HS code {str(value)!r}: chapter {digits[:2]} does not exist (01–97)")
    return HsCode(str(value), digits)
