"""Talking points for the MC: examples of matches to name from the stage, taken from the
catalogue's match suggestions (:mod:`shared.catalogue.matching`): an offer that meets another's
need in the same category, sharing words, another sector preferred, with no deal between the
two yet."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from shared.catalogue.projection import Catalogue


@dataclass(frozen=True)
class TalkingPoint:
    category: str
    giver: str  # participant id of the one who offers
    taker: str  # participant id of the one who needs
    offer: str
    need: str
    shared_words: tuple[str, ...]  # the need's words the offer shares: the reason
    cross_sector: bool


def talking_points(
    participants, deals, limit: int = 12, per_giver: int = 2, matches=None
) -> list[TalkingPoint]:
    """The best matches of the evening whose two parties have no deal yet, each participant
    named at most ``per_giver`` times. ``matches`` is the evening's
    :class:`~shared.catalogue.matching.Matchmaker` (kept between calls); without it one is
    made for this call from ``participants``."""
    if matches is None:
        matches = Catalogue.snapshot(participants).matches
    dealt = {frozenset(d.party_ids[:2]) for d in deals.counted_deals()}
    chosen: list[TalkingPoint] = []
    per: Counter = Counter()
    for match in matches.every_match(public=False):
        giver, taker = match.giver, match.taker
        if per[giver] >= per_giver or per[taker] >= per_giver:
            continue
        if frozenset((giver, taker)) in dealt:
            continue
        per[giver] += 1
        per[taker] += 1
        chosen.append(
            TalkingPoint(
                match.category,
                giver,
                taker,
                match.offer.text,
                match.need.text,
                match.shared_words,
                match.cross_sector,
            )
        )
        if len(chosen) >= limit:
            break
    return chosen
