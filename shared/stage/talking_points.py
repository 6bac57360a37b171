"""Talking points for the MC: an offer that meets another's need in the same category, with no
deal between the two yet, examples to name from the stage (best fits, shared words, first)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class TalkingPoint:
    category: str
    giver: str  # participant id of the one who offers
    taker: str  # participant id of the one who needs
    offer: str
    need: str
    shared_words: int


def _words(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.casefold())}


def _by_category(participants, side: str) -> dict[str, list[tuple[str, str]]]:
    """``{category: [(participant id, text), ...]}`` of everyone's offers or needs."""
    found: dict[str, list[tuple[str, str]]] = {}
    for p in participants.values():
        for item in getattr(p, side):
            found.setdefault(item.get("category", ""), []).append((p.id, item.get("text", "")))
    return found


def _candidates(participants, deals) -> list[tuple[tuple, TalkingPoint]]:
    offers, needs = _by_category(participants, "offers"), _by_category(participants, "needs")
    dealt = {frozenset(d.party_ids[:2]) for d in deals.counted_deals()}
    candidates = []
    for category, offered in offers.items():
        for giver, offer in offered:
            for taker, need in needs.get(category, []):
                if giver == taker or frozenset((giver, taker)) in dealt:
                    continue
                shared = len(_words(offer) & _words(need))
                cross = participants.sector_of(giver) != participants.sector_of(taker)
                candidates.append(
                    (
                        (-shared, not cross, participants[giver].search_key, need),
                        TalkingPoint(category, giver, taker, offer, need, shared),
                    )
                )
    candidates.sort(key=lambda pair: pair[0])
    return candidates


def talking_points(participants, deals, limit: int = 12, per_giver: int = 2) -> list[TalkingPoint]:
    """Pairs where one's offer meets another's need in the same category, no deal between them
    yet: examples the MC can name from the stage, best fits (shared words) first, each
    participant named at most ``per_giver`` times."""
    chosen: list[TalkingPoint] = []
    per: Counter = Counter()
    for _, point in _candidates(participants, deals):
        if per[point.giver] >= per_giver or per[point.taker] >= per_giver:
            continue
        per[point.giver] += 1
        per[point.taker] += 1
        chosen.append(point)
        if len(chosen) >= limit:
            break
    return chosen
