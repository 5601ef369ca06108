"""The facts gathered about one shipment before any rule judges it.

Parties screened, goods assessed, and every country or flagged place the shipment touches, each
with where it was seen (``route.transit[0]``, ``consignee.address``) and whether it lies on the
receiving side of the goods (transit, destination, buyer, consignee, end user…) or not (origin,
seller, banks). The rules in ``decision`` and ``redflags`` only read this.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from embargo.names import latinize
from embargo.shipment.goods import GoodsAssessment, assess
from embargo.shipment.model import DESTINATION_ROLES, Party, Shipment
from embargo.shipment.places import PlaceHit, PlaceScanner, scanner
from embargo.shipment.rules import RuleSet

# Roles whose location says where the goods go (a forwarder's warehouse is on the way).
RECEIVING_ROLES = (*DESTINATION_ROLES, "freight_forwarder")


@dataclass
class PartyCheck:
    index: int
    party: Party
    hits: list[Any] = field(default_factory=list)
    screened: bool = False
    unreadable: str = ""  # why its names could not be screened (UnreadableName)
    address_countries: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{self.party.role.replace('_', ' ')} {self.party.name!r}"

    @property
    def countries(self) -> set[str]:
        """Declared country plus those read from the address."""
        out = set(self.address_countries)
        if self.party.country:
            out.add(self.party.country)
        return out


@dataclass(frozen=True)
class Touch:
    """A country or territory code the shipment touches, and where that was seen."""

    code: str
    where: str
    receiving: bool
    matched: str = ""


@dataclass
class Context:
    shipment: Shipment
    rules: RuleSet
    scanner: PlaceScanner
    parties: list[PartyCheck]
    goods: list[GoodsAssessment]
    touches: list[Touch] = field(default_factory=list)
    place_hits: list[PlaceHit] = field(default_factory=list)
    name_place_hits: list[tuple[PartyCheck, PlaceHit]] = field(default_factory=list)

    @property
    def params(self) -> dict[str, Any]:
        return self.rules.params

    @property
    def min_confidence(self) -> float:
        return float(self.params.get("goods_min_confidence", 0.6))

    def role(self, *roles: str) -> list[PartyCheck]:
        return [p for p in self.parties if p.party.role in roles]

    def controlled_goods(self) -> list[GoodsAssessment]:
        return [g for g in self.goods if g.controlled(self.rules, self.min_confidence)]

    def receiving_codes(self) -> dict[str, list[Touch]]:
        out: dict[str, list[Touch]] = {}
        for t in self.touches:
            if t.receiving:
                out.setdefault(t.code, []).append(t)
        return out

    def has_term(self, kind: str, text: str | None) -> str | None:
        """The first term of ``terms.csv`` kind ``kind`` found in ``text`` (as words), if any."""
        if not text:
            return None
        words = latinize(text).split()
        for tokens in self.rules.terms.get(kind, []):
            n = len(tokens)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == tokens:
                    return " ".join(tokens)
        return None

    def same_party(self, a: Party, b: Party) -> bool:
        """Same name once case, script and legal forms are set aside."""
        forms = {t[0] for t in self.rules.terms.get("legal_form", []) if len(t) == 1}

        def key(p: Party) -> tuple[str, ...]:
            return tuple(w for w in latinize(p.name).split() if w not in forms)

        return bool(key(a)) and key(a) == key(b)


def _add_scan(
    ctx: Context, text: str | None, where: str, receiving: bool, party: PartyCheck | None = None
) -> None:
    scan = ctx.scanner.scan(text, where)
    for hit in scan.places:
        ctx.place_hits.append(hit)
        code = ctx.scanner.country_of_place(hit.key)
        if code:
            ctx.touches.append(Touch(code, where, receiving, hit.matched))
            if party is not None:
                party.address_countries.add(code)
    for c in scan.countries:
        ctx.touches.append(Touch(c.code, where, receiving, c.matched))
        if party is not None:
            party.address_countries.add(c.code)


def gather(shipment: Shipment, rules: RuleSet, screener: Any | None) -> Context:
    """Screen the parties, assess the goods and collect every place the shipment touches."""
    ctx = Context(
        shipment=shipment,
        rules=rules,
        scanner=scanner(rules),
        parties=[PartyCheck(i, p) for i, p in enumerate(shipment.parties)],
        goods=[assess(i, g, rules) for i, g in enumerate(shipment.goods)],
    )
    route = shipment.route
    if route.origin:
        ctx.touches.append(Touch(route.origin, "route.origin", False))
    for i, code in enumerate(route.transit):
        ctx.touches.append(Touch(code, f"route.transit[{i}]", True))
    if route.destination:
        ctx.touches.append(Touch(route.destination, "route.destination", True))
    _add_scan(ctx, route.port_of_loading, "route.port_of_loading", False)
    _add_scan(ctx, route.port_of_discharge, "route.port_of_discharge", True)
    for i, port in enumerate(route.ports):
        _add_scan(ctx, port, f"route.ports[{i}]", True)
    for i, place in enumerate(route.places):
        _add_scan(ctx, place, f"route.places[{i}]", True)

    for check in ctx.parties:
        party = check.party
        receiving = party.role in RECEIVING_ROLES
        where = f"parties[{check.index}] ({party.role})"
        if party.country:
            ctx.touches.append(Touch(party.country, f"{where}.country", receiving))
        _add_scan(ctx, party.address, f"{where}.address", receiving, check)
        for hit in ctx.scanner.scan(party.name, f"{where}.name").places:
            ctx.name_place_hits.append((check, hit))
        if screener is not None:
            _screen_party(check, screener, rules)
    return ctx


def _screen_party(check: PartyCheck, screener: Any, rules: RuleSet) -> None:
    from embargo.match.engine import UnreadableName

    party = check.party
    names = [party.name, *party.aliases]
    limit = int(rules.params.get("party_hit_limit", 5))
    try:
        check.hits = screener.check(
            names,
            schema=party.schema_name,
            countries=[party.country] if party.country else (),
            ids=party.ids,
            addresses=[party.address] if party.address else (),
            limit=limit,
        )
    except UnreadableName as exc:
        check.unreadable = str(exc)
        return
    check.screened = True
