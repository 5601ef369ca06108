"""What the goods are: declared HS codes against the lists, and descriptions mapped to headings.

A declared code is looked up on its first six digits in the CHPL and the EAR supplement codes.
The description and part number are matched against the keyword / part-number-prefix / regex
rules of ``goods_rules.csv``; rules that agree on a heading reinforce each other
(``1 - Π(1 - confidence)``), and every candidate lists the rules that fired and the text they
fired on, so the guess explains itself.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from embargo.names import latinize
from embargo.shipment.hs import normalize_hs
from embargo.shipment.model import GoodsLine
from embargo.shipment.rules import GoodsRule, RuleSet, part_key

_PART_SPLIT = re.compile(r"[\s,;|()\[\]]+")


@dataclass
class RuleFire:
    rule: GoodsRule
    matched: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "pattern": self.rule.pattern,
            "kind": self.rule.kind,
            "matched": self.matched,
            "confidence": self.rule.confidence,
            "note": self.rule.note,
            "row": self.rule.row,
        }


@dataclass
class Candidate:
    hs6: str
    confidence: float
    fires: list[RuleFire]


@dataclass
class GoodsAssessment:
    """One goods line, judged."""

    index: int
    line: GoodsLine
    hs6: str = ""
    chpl: dict[str, Any] | None = None
    listed: list[dict[str, Any]] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    uav_items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        text = self.line.description or self.line.part_number or self.line.hs_code or ""
        return f"goods[{self.index}] {text!r}"

    def chpl_tiers(self, rules: RuleSet, min_confidence: float) -> set[str]:
        """Tiers this line falls in: the declared code, or a confident enough guess."""
        tiers = {self.chpl["tier"]} if self.chpl else set()
        for c in self.candidates:
            if c.confidence >= min_confidence and c.hs6 in rules.chpl:
                tiers.add(rules.chpl[c.hs6].tier)
        return tiers

    def controlled(self, rules: RuleSet, min_confidence: float) -> bool:
        """On the CHPL, an EAR supplement code, or a UAV advisory item kind (declared or likely)."""
        if self.chpl or self.listed or self.chpl_tiers(rules, min_confidence):
            return True
        likely = [c for c in self.candidates if c.confidence >= min_confidence]
        if any(c.hs6 in rules.listed_codes for c in likely):
            return True
        return any(u["confidence"] >= min_confidence for u in self.uav_items)

    def to_dict(self, rules: RuleSet) -> dict[str, Any]:
        return {
            "line": self.index,
            "description": self.line.description,
            "part_number": self.line.part_number,
            "hs_code": self.line.hs_code,
            "hs6": self.hs6 or None,
            "chpl": self.chpl,
            "listed": self.listed,
            "inferred": [
                {
                    "hs6": c.hs6,
                    "confidence": round(c.confidence, 3),
                    "chpl_tier": rules.chpl[c.hs6].tier if c.hs6 in rules.chpl else None,
                    "listed": c.hs6 in rules.listed_codes,
                    "rules": [f.to_dict() for f in c.fires],
                }
                for c in self.candidates
            ],
            "uav_items": self.uav_items,
        }


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _find_tokens(words: list[str], tokens: tuple[str, ...]) -> bool:
    """``tokens`` as consecutive words; the last word may carry a plural ending."""
    n = len(tokens)
    for i in range(len(words) - n + 1):
        if words[i : i + n - 1] != list(tokens[:-1]):
            continue
        last, want = words[i + n - 1], tokens[-1]
        if last == want or last in (want + "s", want + "es"):
            return True
    return False


def _part_tokens(line: GoodsLine) -> list[tuple[str, str]]:
    """(normalised, as written) for every word that looks like a part number (has a digit)."""
    out = []
    for text in (line.part_number or "", line.description or ""):
        for word in _PART_SPLIT.split(text):
            key = part_key(word)
            if key and any(ch.isdigit() for ch in key):
                out.append((key, word))
    return out


def _prefix_fires(prefix: str, key: str) -> bool:
    if not key.startswith(prefix):
        return False
    if prefix[-1].isdigit() or len(key) == len(prefix):
        return True
    return key[len(prefix)].isdigit()


def classify(line: GoodsLine, rules: RuleSet) -> list[Candidate]:
    """Likely HS-6 headings for a description and part number, best first."""
    text = " ".join(t for t in (line.description, line.part_number, line.notes) if t)
    words = latinize(text).split()
    parts = _part_tokens(line)
    plain = _plain(text)
    fires: dict[str, list[RuleFire]] = {}
    for rule in rules.goods_rules:
        matched = None
        if rule.kind == "keyword":
            if _find_tokens(words, rule.tokens):
                matched = " ".join(rule.tokens)
        elif rule.kind == "part_prefix":
            for key, written in parts:
                if _prefix_fires(rule.prefix, key):
                    matched = written
                    break
        elif rule.regex is not None:
            m = rule.regex.search(plain)
            if m:
                matched = m.group(0)
        if matched is not None:
            fires.setdefault(rule.hs6, []).append(RuleFire(rule, matched))
    out = []
    for hs6, fired in fires.items():
        miss = 1.0
        for f in fired:
            miss *= 1 - f.rule.confidence
        out.append(Candidate(hs6, min(0.99, 1 - miss), fired))
    out.sort(key=lambda c: (-c.confidence, c.hs6))
    return out


def assess(index: int, line: GoodsLine, rules: RuleSet) -> GoodsAssessment:
    """Look the declared code up and guess headings from the text."""
    result = GoodsAssessment(index, line)
    if line.hs_code:
        code = normalize_hs(line.hs_code)
        result.hs6 = code.hs6
        if code.hs6 in rules.chpl:
            row = rules.chpl[code.hs6]
            definition, _ = rules.tiers.get(row.tier, ("", ""))
            result.chpl = {
                "hs6": row.hs6,
                "tier": row.tier,
                "tier_definition": definition,
                "description": row.description,
                "source": row.source,
            }
        for item in rules.listed_codes.get(code.hs6, []):
            result.listed.append(
                {
                    "hs6": item.hs6,
                    "list": item.list,
                    "description": item.description,
                    "source": item.source,
                }
            )
    result.candidates = classify(line, rules)
    seen: dict[str, dict[str, Any]] = {}
    for cand in result.candidates:
        for fire in cand.fires:
            kind = fire.rule.uav_item
            if not kind:
                continue
            item = rules.uav_items[kind]
            best = seen.get(kind)
            if best is None or fire.rule.confidence > best["confidence"]:
                seen[kind] = {
                    "item": kind,
                    "list": item.list,
                    "source": item.source,
                    "confidence": fire.rule.confidence,
                    "matched": fire.matched,
                }
    result.uav_items = sorted(seen.values(), key=lambda u: -u["confidence"])
    return result
