"""Red-flag indicators of ``red_flags.csv`` that shipment data lets us evaluate.

Each evaluable flag is one small function registered under the flag's id. It returns the
specifics that made it fire (an empty list when it does not), and the decision turns each into a
reason ``redflag.<ID>`` carrying the flag's own source. Flags that need knowledge a shipment
record does not hold (the buyer's line of business, packaging, behaviour in conversations…) have
no function; ``red_flag_coverage.csv`` says why for each, and every result lists them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from embargo.shipment.context import Context, PartyCheck
from embargo.shipment.model import CUSTOMER_ROLES

RedFlagRule = Callable[[Context], list[str]]
RED_FLAG_RULES: dict[str, RedFlagRule] = {}


def flag(flag_id: str) -> Callable[[RedFlagRule], RedFlagRule]:
    def register(fn: RedFlagRule) -> RedFlagRule:
        RED_FLAG_RULES[flag_id] = fn
        return fn

    return register


def _near_misses(ctx: Context, check: PartyCheck) -> list:
    floor = float(ctx.params.get("possible_match_score", 0.7))
    return [h for h in check.hits if not h.match and h.score >= floor]


def _is_dpl(source: dict) -> bool:
    return source.get("list") == "us_bis_dpl" or "Denied Persons" in str(source.get("list_name"))


def _codes(codes: set[str]) -> str:
    return ", ".join(sorted(c.upper() for c in codes))


def _resembles(check: PartyCheck, hit) -> str:
    lists = ", ".join(f"{s['list']}:{s['ref']}" for s in hit.sources)
    return f"{check.label} resembles {hit.caption!r} (score {hit.score:.2f}, {lists})"


@flag("BIS-01")
def customer_resembles_denied_person(ctx: Context) -> list[str]:
    """A customer's name comes close to (without matching) a BIS Denied Persons List entry."""
    out = []
    for check in ctx.role(*CUSTOMER_ROLES):
        for hit in _near_misses(ctx, check):
            if any(_is_dpl(s) for s in hit.sources):
                out.append(_resembles(check, hit))
    return out


@flag("FB23N-07")
def customer_resembles_listed_party(ctx: Context) -> list[str]:
    """A customer's name comes close to (without matching) a party on any loaded list."""
    out = []
    for check in ctx.role(*CUSTOMER_ROLES):
        for hit in _near_misses(ctx, check)[:1]:
            out.append(_resembles(check, hit))
    return out


@flag("BIS-10")
def forwarder_as_final_destination(ctx: Context) -> list[str]:
    """The end user (or, absent one, the consignee) is the forwarder or a logistics firm."""
    finals = ctx.role("end_user") or ctx.role("consignee")
    forwarders = ctx.role("freight_forwarder")
    out = []
    for final in finals:
        for fwd in forwarders:
            if ctx.same_party(final.party, fwd.party):
                out.append(f"{final.label} is the freight forwarder {fwd.party.name!r}")
                break
        else:
            term = ctx.has_term("logistics", final.party.name)
            if term:
                out.append(f"{final.label} is named like a logistics firm ({term!r})")
    return out


@flag("FB23N-05")
def consignee_is_intermediary(ctx: Context) -> list[str]:
    """The consignee looks like a mail centre, trading company or logistics firm."""
    out = []
    for check in ctx.role("consignee", "end_user"):
        for kind in ("mail_centre", "trading", "logistics"):
            term = ctx.has_term(kind, check.party.name) or (
                ctx.has_term(kind, check.party.address) if kind == "mail_centre" else None
            )
            if term:
                out.append(f"{check.label} looks like a {kind.replace('_', ' ')} ({term!r})")
                break
    return out


@flag("FB23N-01")
def consigned_to_bank(ctx: Context) -> list[str]:
    """Goods consigned to a bank (typically the L/C issuing bank) rather than the real end user."""
    banks = ctx.role("bank")
    out = []
    for check in ctx.role("consignee"):
        same = [b for b in banks if ctx.same_party(check.party, b.party)]
        term = ctx.has_term("bank", check.party.name)
        if same or term:
            out.append(f"{check.label} is a bank")
    return out


@flag("BIS-11")
def unusual_route(ctx: Context) -> list[str]:
    """Where the consignee or end user is does not fit the route or the buyer."""
    dest = ctx.shipment.route.destination
    hubs = set(ctx.rules.hubs)
    out = []
    for check in ctx.role("consignee", "end_user"):
        found, declared = check.address_countries, check.party.country
        facts = []
        if declared and found and declared not in found:
            facts.append(f"declares {declared.upper()} but the address reads as {_codes(found)}")
        elsewhere = (found or ({declared} if declared else set())) - {dest}
        if dest and elsewhere:
            facts.append(f"is in {_codes(elsewhere)} while the route ends in {dest.upper()}")
        for buyer in ctx.role("buyer"):
            in_hub = buyer.countries & hubs
            if in_hub and check.countries and not check.countries & buyer.countries:
                facts.append(
                    f"is in {_codes(check.countries)} while buyer {buyer.party.name!r} sits in "
                    f"transshipment point {_codes(in_hub)}"
                )
        if facts:
            out.append(f"{check.label} " + "; ".join(facts))
    return out


@flag("FB22-02")
def third_country_payer_in_hub(ctx: Context) -> list[str]:
    """A payer with no other role in the deal pays from a transshipment-hub country."""
    out = []
    hubs = ctx.rules.hubs
    others = [p for p in ctx.parties if p.party.role not in ("payer", "bank")]
    buyer_countries = set().union(*(b.countries for b in ctx.role("buyer"))) or set()
    for payer in ctx.role("payer"):
        if any(ctx.same_party(payer.party, o.party) for o in others):
            continue
        in_hub = payer.countries & set(hubs)
        if in_hub and not in_hub & buyer_countries:
            out.append(
                f"{payer.label} pays from {', '.join(sorted(c.upper() for c in in_hub))}, "
                "a transshipment point, and has no other role"
            )
    return out


@flag("TS23-01")
def payment_from_unnamed_country(ctx: Context) -> list[str]:
    """Payment comes from a country where none of the buyer, consignee or end user is."""
    out = []
    named = set().union(*(p.countries for p in ctx.role(*CUSTOMER_ROLES))) or set()
    for payer in ctx.role("payer"):
        extra = payer.countries - named
        if named and extra:
            out.append(
                f"{payer.label} pays from {', '.join(sorted(c.upper() for c in extra))}, "
                "where no buyer, consignee or end user is"
            )
    return out


@flag("FB23-01")
def incorporated_after_invasion(ctx: Context) -> list[str]:
    """A customer incorporated on or after the date the alerts single out (24 Feb 2022)."""
    cutoff = dt.date.fromisoformat(str(ctx.params.get("incorporated_after", "2022-02-24")))
    return [
        f"{c.label} was incorporated on {c.party.incorporation_date.isoformat()}"
        for c in ctx.role(*CUSTOMER_ROLES)
        if c.party.incorporation_date and c.party.incorporation_date >= cutoff
    ]


@flag("BIS-06")
def little_business_history(ctx: Context) -> list[str]:
    """A customer incorporated less than ``young_company_days`` before the shipment."""
    days = int(ctx.params.get("young_company_days", 365))
    on = ctx.shipment.date or dt.date.today()
    return [
        f"{c.label} was incorporated {(on - c.party.incorporation_date).days} days before "
        "the shipment"
        for c in ctx.role(*CUSTOMER_ROLES)
        if c.party.incorporation_date and 0 <= (on - c.party.incorporation_date).days < days
    ]


@flag("FB23-03")
def residential_address(ctx: Context) -> list[str]:
    """A customer's business address reads as a residence (apartment, flat, кв.)."""
    out = []
    for check in ctx.role(*CUSTOMER_ROLES):
        term = ctx.has_term("residence", check.party.address)
        if term:
            out.append(f"{check.label} gives a residential address ({term!r})")
    return out


@flag("FB23N-02")
def no_web_presence(ctx: Context) -> list[str]:
    """A customer writes from a free mail service rather than a company domain."""
    out = []
    for check in ctx.role(*CUSTOMER_ROLES):
        email = check.party.email or ""
        domain = email.rpartition("@")[2]
        if domain and ctx.has_term("freemail", domain):
            out.append(f"{check.label} uses a free mail address ({domain})")
    return out


@flag("FB23N-04")
def phone_country_differs(ctx: Context) -> list[str]:
    """A customer's phone number has the calling code of another country than the destination."""
    import phonenumbers

    dest = ctx.shipment.route.destination
    out = []
    if not dest:
        return out
    for check in ctx.role(*CUSTOMER_ROLES):
        phone = check.party.phone
        if not phone:
            continue
        try:
            number = phonenumbers.parse(phone, (check.party.country or dest).upper())
        except phonenumbers.NumberParseException:
            continue
        region = phonenumbers.region_code_for_number(number)
        if region and region.lower() != dest.split("-")[0]:
            out.append(
                f"{check.label} phone {phone} is a {region} number; destination {dest.upper()}"
            )
    return out


@flag("BIS-05")
def cash_for_costly_item(ctx: Context) -> list[str]:
    """Cash payment offered for a shipment worth more than ``cash_value_threshold``."""
    method = (ctx.shipment.payment_method or "").strip().lower()
    floor = float(ctx.params.get("cash_value_threshold", 10000))
    total = ctx.shipment.total_value
    if method in ("cash", "cash in advance", "cash on delivery") and total >= floor:
        return [f"payment method {method!r} for goods worth {total:,.0f}"]
    return []


@flag("BIS-02")
def end_use_not_stated(ctx: Context) -> list[str]:
    """The end use was asked for (the field is present) but left blank or vague."""
    if "end_use" not in ctx.shipment.model_fields_set:
        return []
    text = (ctx.shipment.end_use or "").strip()
    if not text:
        return ["end use left blank"]
    term = ctx.has_term("vague_end_use", text)
    if term and len(text.split()) <= len(term.split()) + 2:
        return [f"end use given only as {text!r}"]
    return []


@flag("UAV-01")
def markings_removed(ctx: Context) -> list[str]:
    """Goods described as having serial numbers or markings removed or altered."""
    out = []
    for g in ctx.goods:
        text = " ".join(t for t in (g.line.description, g.line.notes) if t)
        term = ctx.has_term("markings_removed", text)
        if term:
            out.append(f"{g.label}: {term!r}")
    return out
