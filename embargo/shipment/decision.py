"""One decision per shipment: parties, goods and route judged together.

Every rule below emits reasons tagged with a rule id; ``policy.toml`` maps each id to an outcome
(``block``, ``review`` or ``note``) and the decision is the strongest outcome present. Changing
what blocks is a data change. Each reason carries the source of the data row or list entry
behind it, and the result is stamped with the rule-data hash and the list dataset version.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from embargo.shipment.context import Context, PartyCheck, Touch, gather
from embargo.shipment.model import (
    PartyResult,
    Reason,
    Shipment,
    ShipmentResult,
    parse_shipment,
)
from embargo.shipment.redflags import RED_FLAG_RULES
from embargo.shipment.rules import RulesError, RuleSet, load_rules, short_source

RANK = {"clear": 0, "note": 0, "review": 1, "block": 2}
# Every rule id this module emits (plus ``place.<kind>`` per flagged place kind and
# ``redflag.<ID>`` per red flag); policy.toml must give each an outcome.
RULE_IDS = (
    "party.listed",
    "party.possible_match",
    "party.not_screened",
    "place.region",
    "place.in_party_name",
    "route.embargoed",
    "route.high_risk_controlled_goods",
    "route.high_risk",
    "route.flagged_country",
    "goods.chpl",
    "goods.chpl_inferred",
    "goods.chpl_heading",
    "goods.listed_code",
    "goods.uav_item",
    "goods.unclassified",
    "goods.description_suggests_chpl",
    "goods.chpl_via_hub",
)


class Reasons:
    """Collects reasons, resolving each rule's outcome from the policy as it goes."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.items: list[Reason] = []

    def add(self, rule: str, text: str, source: str, **refs: Any) -> None:
        cite = short_source(source) if source else "no source"
        self.items.append(
            Reason(
                rule=rule,
                outcome=self.rules.outcome(rule),
                text=f"{text} (source: {cite})",
                source=source,
                refs=refs,
            )
        )

    def decision(self) -> str:
        best = max((RANK[r.outcome] for r in self.items), default=0)
        return {0: "clear", 1: "review", 2: "block"}[best]


def _hit_source(hit: Any) -> str:
    parts = []
    for s in hit.sources:
        programs = ", ".join(s.get("programs") or [])
        parts.append(f"{s['list']}:{s['ref']}" + (f" [{programs}]" if programs else ""))
    return "; ".join(parts)


def _party_rules(ctx: Context, out: Reasons) -> None:
    floor = float(ctx.params.get("possible_match_score", 0.7))
    for check in ctx.parties:
        if check.unreadable:
            out.add(
                "party.not_screened",
                f"{check.label} was not screened against the sanctions lists",
                check.unreadable,
                party=check.index,
            )
        if not check.screened:
            continue
        matches = [h for h in check.hits if h.match]
        if matches:
            best = matches[0]
            more = f" and {len(matches) - 1} more listed entries" if len(matches) > 1 else ""
            out.add(
                "party.listed",
                f"{check.label} matches listed {best.schema} {best.caption!r} "
                f"(score {best.score:.2f}){more}",
                "; ".join(_hit_source(h) for h in matches),
                party=check.index,
                entity_ids=[h.entity_id for h in matches],
            )
            continue
        near = [h for h in check.hits if h.score >= floor]
        if near:
            best = near[0]
            out.add(
                "party.possible_match",
                f"{check.label} resembles listed {best.schema} {best.caption!r} "
                f"(score {best.score:.2f}, below the match threshold)",
                _hit_source(best),
                party=check.index,
                entity_ids=[h.entity_id for h in near],
            )
    if ctx.parties and not any(c.screened or c.unreadable for c in ctx.parties):
        out.add(
            "party.not_screened",
            "parties were not screened against the sanctions lists (no dataset loaded)",
            "",
        )


def _place_rules(ctx: Context, out: Reasons) -> None:
    grouped: dict[tuple[str, str], list] = {}
    for hit in ctx.place_hits:
        place = ctx.rules.places.get(hit.key)
        if place is None:
            continue
        rule = "place.region" if hit.precision == "region" else f"place.{place.kind}"
        grouped.setdefault((rule, place.key), []).append(hit)
    exact = {key for rule, key in grouped if rule != "place.region"}
    for (rule, key), hits in grouped.items():
        if rule == "place.region" and key in exact:
            continue
        place = ctx.rules.places[key]
        what = f"the region of {place.name}" if rule == "place.region" else place.name
        wheres = ", ".join(dict.fromkeys(f"{h.where} {h.matched!r}" for h in hits))
        out.add(
            rule,
            f"{what} named in {wheres}: {place.why}",
            place.source,
            place=place.key,
            where=sorted({h.where for h in hits}),
        )
    for check, hit in ctx.name_place_hits:
        place = ctx.rules.places.get(hit.key)
        jur = ctx.rules.jurisdictions.get(hit.key.lower())
        label = place.name if place else jur.name if jur else hit.key
        source = place.source if place else jur.source if jur else ""
        out.add(
            "place.in_party_name",
            f"{check.label}: the name mentions {label} ({hit.matched!r})",
            source,
            party=check.index,
            place=hit.key,
        )


def _wheres(touches: list[Touch]) -> str:
    parts = []
    for t in touches:
        parts.append(f"{t.where} {t.matched!r}" if t.matched else t.where)
    return ", ".join(dict.fromkeys(parts))


def _route_rules(ctx: Context, out: Reasons) -> None:
    by_code: dict[str, list[Touch]] = {}
    for t in ctx.touches:
        by_code.setdefault(t.code, []).append(t)
    controlled = ctx.controlled_goods()
    flagged = ctx.rules.flagged_countries
    for code, touches in by_code.items():
        jur = ctx.rules.jurisdictions.get(code)
        if jur is not None:
            receiving = [t for t in touches if t.receiving]
            if jur.level == "embargoed":
                rule = "route.embargoed"
                text = f"the shipment touches {jur.name}, {jur.why}: {_wheres(touches)}"
            elif receiving and controlled:
                rule = "route.high_risk_controlled_goods"
                goods = "; ".join(g.label for g in controlled)
                text = (
                    f"controlled goods ({goods}) go to {jur.name}, {jur.why}: {_wheres(receiving)}"
                )
            else:
                rule = "route.high_risk"
                text = f"the shipment touches {jur.name}, {jur.why}: {_wheres(touches)}"
            out.add(rule, text, jur.source, jurisdiction=code)
        elif code in flagged:
            place = flagged[code]
            out.add(
                "route.flagged_country",
                f"the shipment touches {place.name}: {place.why}: {_wheres(touches)}",
                place.source,
                country=code,
            )


def _goods_rules(ctx: Context, out: Reasons) -> None:
    rules = ctx.rules
    min_conf = ctx.min_confidence
    hub_tiers = set(ctx.params.get("hub_tiers", ["Tier 1", "Tier 2"]))
    receiving = ctx.receiving_codes()
    hubs = {code: touches for code, touches in receiving.items() if code in rules.hubs}
    for g in ctx.goods:
        if g.chpl:
            out.add(
                "goods.chpl",
                f"{g.label}: HS {g.hs6[:4]}.{g.hs6[4:]} is on the Common High Priority List, "
                f"{g.chpl['tier']} ({g.chpl['tier_definition']})",
                g.chpl["source"],
                line=g.index,
                hs6=g.hs6,
                tier=g.chpl["tier"],
            )
        for item in g.listed:
            out.add(
                "goods.listed_code",
                f"{g.label}: HS {g.hs6[:4]}.{g.hs6[4:]} is named in {item['list']}",
                item["source"],
                line=g.index,
                hs6=g.hs6,
            )
        best = g.candidates[0] if g.candidates else None
        if best and best.confidence >= min_conf and best.hs6 in rules.chpl:
            row = rules.chpl[best.hs6]
            why = ", ".join(f"{f.rule.kind} {f.matched!r}" for f in best.fires)
            declared = g.hs6 and g.hs6 != best.hs6
            if not g.hs6 or (declared and not g.chpl):
                rule = "goods.description_suggests_chpl" if declared else "goods.chpl_inferred"
                lead = f"declared HS {g.hs6[:4]}.{g.hs6[4:]}, but " if declared else ""
                out.add(
                    rule,
                    f"{g.label}: {lead}the description reads as HS {best.hs6[:4]}.{best.hs6[4:]} "
                    f"(confidence {best.confidence:.2f}; {why}), on the CHPL as {row.tier}",
                    row.source,
                    line=g.index,
                    hs6=best.hs6,
                    confidence=round(best.confidence, 3),
                )
        for u in g.uav_items:
            if u["confidence"] >= min_conf:
                out.add(
                    "goods.uav_item",
                    f"{g.label}: reads as {u['item']!r} ({u['matched']!r}), a key commodity of "
                    "the Iran UAV advisory",
                    u["source"],
                    line=g.index,
                )
        heading = g.line.hs_code[:4] if g.line.hs_code and not g.hs6 else ""
        under = sorted(c for c in rules.chpl if heading and c.startswith(heading))
        if under:
            out.add(
                "goods.chpl_heading",
                f"{g.label}: only heading {heading} was given, and it holds CHPL subheadings "
                + ", ".join(f"{c[:4]}.{c[4:]} ({rules.chpl[c].tier})" for c in under),
                rules.chpl[under[0]].source,
                line=g.index,
                heading=heading,
            )
        if not g.hs6 and not under and not (best and best.confidence >= min_conf):
            out.add(
                "goods.unclassified",
                f"{g.label}: no 6-digit HS code and the description maps to no heading with "
                f"confidence ≥ {min_conf}",
                "",
                line=g.index,
            )
        tiers = g.chpl_tiers(rules, min_conf) & hub_tiers
        if tiers and hubs:
            names = ", ".join(
                f"{rules.hubs[c].name} ({_wheres(t)})" for c, t in sorted(hubs.items())
            )
            place = rules.hubs[sorted(hubs)[0]]
            chpl_source = g.chpl["source"] if g.chpl else ""
            if not chpl_source and best and best.hs6 in rules.chpl:
                chpl_source = rules.chpl[best.hs6].source
            out.add(
                "goods.chpl_via_hub",
                f"{g.label}: CHPL {', '.join(sorted(tiers))} goods routed through a "
                f"transshipment point: {names}",
                "; ".join(s for s in (place.source, chpl_source) if s),
                line=g.index,
                hubs=sorted(hubs),
            )


def _red_flags(ctx: Context, out: Reasons) -> dict[str, Any]:
    fired = []
    for flag_id, rule in RED_FLAG_RULES.items():
        flag = ctx.rules.red_flags.get(flag_id)
        if flag is None:
            continue
        for detail in rule(ctx):
            out.add(
                f"redflag.{flag_id}",
                f"red flag {flag_id} ({flag.indicator}): {detail}",
                flag.source,
            )
            fired.append(flag_id)
    evaluated = [f for f in ctx.rules.red_flags if f in RED_FLAG_RULES]
    return {
        "fired": sorted(set(fired)),
        "evaluated": evaluated,
        "not_evaluable": [f for f in ctx.rules.red_flags if f not in RED_FLAG_RULES],
    }


def _party_result(check: PartyCheck, floor: float) -> PartyResult:
    party = check.party
    return PartyResult(
        role=party.role,
        name=party.name,
        country=party.country.upper() if party.country else None,
        schema=party.schema_name,
        match=any(h.match for h in check.hits),
        hits=[h.to_dict() for h in check.hits if h.match or h.score >= floor],
    )


def _check_policy(rules: RuleSet) -> None:
    """Every rule this code can emit needs an outcome; say which are missing before screening."""
    if rules.policy_checked:
        return
    wanted = [*RULE_IDS, *(f"place.{p.kind}" for p in rules.places.values())]
    wanted += [f"redflag.{f}" for f in rules.red_flags if f in RED_FLAG_RULES]
    missing = []
    for rule in dict.fromkeys(wanted):
        try:
            rules.outcome(rule)
        except RulesError:
            missing.append(rule)
    if missing:
        path = rules.files.get("policy", {}).get("path", "policy.toml")
        raise RulesError(f"{path}: [outcomes] has no outcome for {', '.join(missing)}")
    rules.policy_checked = True


def screen_shipment(
    shipment: dict[str, Any] | Shipment,
    screener: Any | None,
    rules: RuleSet | None = None,
) -> ShipmentResult:
    """Screen one shipment: its parties against the lists, its goods and its route.

    ``screener`` is an :class:`embargo.screener.Screener` (``None`` skips party screening and
    says so in a ``party.not_screened`` reason). ``rules`` defaults to :func:`load_rules`.
    A bad shipment raises :class:`~embargo.shipment.model.ShipmentError` naming the field.
    """
    rules = rules or load_rules()
    _check_policy(rules)
    ship = parse_shipment(shipment)
    ctx = gather(ship, rules, screener)
    out = Reasons(rules)
    _party_rules(ctx, out)
    _place_rules(ctx, out)
    _route_rules(ctx, out)
    _goods_rules(ctx, out)
    red = _red_flags(ctx, out)
    floor = float(rules.params.get("possible_match_score", 0.7))
    dataset = getattr(getattr(screener, "version", None), "version", None)
    touched = {}
    for t in ctx.touches:
        touched.setdefault(t.code, []).append(t.where)
    return ShipmentResult(
        id=ship.id,
        decision=out.decision(),
        reasons=sorted(out.items, key=lambda r: -RANK[r.outcome]),
        parties=[_party_result(c, floor) for c in ctx.parties],
        goods=[g.to_dict(rules) for g in ctx.goods],
        route={
            "countries": {c.upper(): w for c, w in touched.items()},
            "places": [h.to_dict() for h in ctx.place_hits],
        },
        red_flags=red,
        rules_version=rules.version,
        dataset_version=dataset,
        screened_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
