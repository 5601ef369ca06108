"""A shipment as exporters describe it (input) and the screening result (output).

Input is validated with pydantic so a bad field is reported by its path (``goods[2].hs_code``);
unknown extra fields are kept, not rejected, because order systems carry many more.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from embargo.shipment.countries import country_code
from embargo.shipment.hs import HsCodeError, normalize_hs

ROLES = (
    "seller",
    "buyer",
    "consignee",
    "intermediate_consignee",
    "end_user",
    "freight_forwarder",
    "notify_party",
    "bank",
    "payer",
    "carrier",
    "vessel",
    "aircraft",
    "manufacturer",
    "agent",
    "other",
)
# Words order systems use for the same roles (matched after lower-casing, '-'/' ' → '_').
ROLE_SYNONYMS = {
    "exporter": "seller",
    "shipper": "seller",
    "supplier": "seller",
    "vendor": "seller",
    "purchaser": "buyer",
    "customer": "buyer",
    "importer": "buyer",
    "ultimate_consignee": "consignee",
    "consign_to": "consignee",
    "enduser": "end_user",
    "ultimate_end_user": "end_user",
    "forwarder": "freight_forwarder",
    "freight_agent": "freight_forwarder",
    "logistics": "freight_forwarder",
    "notify": "notify_party",
    "issuing_bank": "bank",
    "advising_bank": "bank",
    "paying_bank": "bank",
    "payor": "payer",
    "ship": "vessel",
    "airline": "carrier",
    "shipping_line": "carrier",
}
PARTY_TYPES = ("company", "person", "vessel", "aircraft")
# Roles on the receiving side of the goods: where they end up and who uses them.
DESTINATION_ROLES = ("buyer", "consignee", "intermediate_consignee", "end_user", "notify_party")
CUSTOMER_ROLES = ("buyer", "consignee", "end_user")


def clean_country(value: Any) -> str | None:
    """A country or territory name or code → the lower-case code FollowTheMoney uses."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    code = country_code(text)
    if code is None:
        raise ValueError(f"unknown country {text!r}; use an ISO 3166 code such as DE or a name")
    return code


class _Input(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


class Party(_Input):
    role: str
    name: str = Field(min_length=1)
    country: str | None = None
    address: str | None = None
    type: Literal["company", "person", "vessel", "aircraft"] | None = None
    aliases: list[str] = Field(default_factory=list)
    ids: list[str] = Field(default_factory=list)
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    incorporation_date: dt.date | None = None

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: Any) -> str:
        key = str(value or "").strip().lower().replace("-", "_").replace(" ", "_")
        key = ROLE_SYNONYMS.get(key, key)
        if key not in ROLES:
            raise ValueError(f"unknown role {value!r}; use one of {', '.join(ROLES)}")
        return key

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any) -> str | None:
        return clean_country(value)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> str | None:
        if value is None or str(value).strip() == "":
            return None
        key = str(value).strip().lower()
        key = {"organization": "company", "organisation": "company", "individual": "person"}.get(
            key, key
        )
        if key not in PARTY_TYPES:
            raise ValueError(f"unknown party type {value!r}; use one of {', '.join(PARTY_TYPES)}")
        return key

    @property
    def schema_name(self) -> str:
        """The FollowTheMoney schema to screen this party as."""
        if self.type == "vessel" or (self.role == "vessel" and self.type is None):
            return "Vessel"
        if self.type == "aircraft" or (self.role == "aircraft" and self.type is None):
            return "Airplane"
        if self.type == "person":
            return "Person"
        return "LegalEntity"


class GoodsLine(_Input):
    description: str | None = None
    hs_code: str | None = None
    part_number: str | None = None
    quantity: float | None = Field(default=None, ge=0)
    unit: str | None = None
    value: float | None = Field(default=None, ge=0)
    currency: str | None = None
    manufacturer: str | None = None
    notes: str | None = None

    @field_validator("hs_code", mode="before")
    @classmethod
    def _hs(cls, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"HS code must be a string such as '8542.31', got {value!r}")
        try:
            return normalize_hs(value).digits
        except HsCodeError as exc:
            raise ValueError(str(exc)) from exc

    @model_validator(mode="after")
    def _something(self) -> GoodsLine:
        if not (self.description or self.hs_code or self.part_number):
            raise ValueError("a goods line needs a description, an hs_code or a part_number")
        return self


class Route(_Input):
    origin: str | None = None
    transit: list[str] = Field(default_factory=list)
    ports: list[str] = Field(default_factory=list)
    port_of_loading: str | None = None
    port_of_discharge: str | None = None
    destination: str | None = None
    places: list[str] = Field(default_factory=list)

    @field_validator("origin", "destination", mode="before")
    @classmethod
    def _country(cls, value: Any) -> str | None:
        return clean_country(value)

    @field_validator("transit", mode="before")
    @classmethod
    def _transit(cls, value: Any) -> list[str]:
        if value is None:
            return []
        return [c for c in (clean_country(v) for v in _items(value)) if c]

    @field_validator("ports", "places", mode="before")
    @classmethod
    def _texts(cls, value: Any) -> list[str]:
        if value is None:
            return []
        return [str(v).strip() for v in _items(value) if str(v).strip()]


def _items(value: Any) -> list[Any]:
    """A list, or a ';'-separated string (CSV cells); anything else is a validation error."""
    if isinstance(value, str):
        return value.split(";")
    if isinstance(value, list | tuple):
        return list(value)
    raise ValueError(f"expected a list of texts, got {type(value).__name__}")


class Shipment(_Input):
    id: str = Field(min_length=1)
    date: dt.date | None = None
    parties: list[Party] = Field(default_factory=list)
    goods: list[GoodsLine] = Field(min_length=1)
    route: Route = Field(default_factory=Route)
    end_use: str | None = None
    payment_method: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id(cls, value: Any) -> str:
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            return str(value)
        raise ValueError(f"id must be a string, got {value!r}")

    @property
    def total_value(self) -> float:
        return sum(g.value or 0 for g in self.goods)


class ShipmentError(ValueError):
    """A shipment that cannot be read; every message names the file, record and field."""

    def __init__(self, messages: list[str]):
        super().__init__("\n".join(messages))
        self.messages = messages


def _loc(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(shipment)"


def parse_shipment(
    data: Any, where: str = "shipment", goods_rows: list[int] | None = None
) -> Shipment:
    """Validate one shipment dict; a :class:`ShipmentError` lists every bad field by its path.

    ``goods_rows`` names the file row of each goods line (CSV input), added to goods errors.
    """
    if isinstance(data, Shipment):
        return data
    if not isinstance(data, dict):
        raise ShipmentError([f"{where}: expected an object, got {type(data).__name__}"])
    try:
        return Shipment.model_validate(data)
    except ValidationError as exc:
        sid = data.get("id")
        label = f"{where} (id {sid})" if sid not in (None, "") and str(sid) not in where else where
        messages = []
        for err in exc.errors():
            msg = err["msg"].removeprefix("Value error, ")
            loc = _loc(err["loc"])
            if goods_rows and len(err["loc"]) > 1 and err["loc"][0] == "goods":
                index = err["loc"][1]
                if isinstance(index, int) and index < len(goods_rows):
                    loc = f"row {goods_rows[index]} {loc}"
            messages.append(f"{label}: {loc}: {msg}")
        raise ShipmentError(messages) from None


class Reason(BaseModel):
    rule: str
    outcome: str
    text: str
    source: str
    refs: dict[str, Any] = Field(default_factory=dict)


class PartyResult(BaseModel):
    role: str
    name: str
    country: str | None
    schema_: str = Field(alias="schema", serialization_alias="schema")
    match: bool
    hits: list[dict[str, Any]]

    model_config = ConfigDict(populate_by_name=True)


class ShipmentResult(BaseModel):
    id: str
    decision: Literal["clear", "review", "block"]
    reasons: list[Reason]
    parties: list[PartyResult]
    goods: list[dict[str, Any]]
    route: dict[str, Any]
    red_flags: dict[str, Any]
    rules_version: str
    dataset_version: str | None
    screened_at: str

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(by_alias=True)
