"""What the stage screen, the MC and the guests' phones show, put together as plain data.

Read from the stage projection (the hour's kept figures) and never by a full pass over the
deals: the screen asks after every change of the evening.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from shared.core.vocabulary import CATEGORIES, SECTORS, UNKNOWN_SECTOR, sector_pair
from shared.deals.revisions import DealView
from shared.stage.projection import PACE_MINUTES, Stage

TICKER_LENGTH = 3


def matrix_of(pairs: dict) -> list[list[int | None]]:
    """Deals between sectors as a 3×3 table; each pair once, above the diagonal."""
    return [
        [pairs.get(sector_pair(row, col), 0) if j >= i else None for j, col in enumerate(SECTORS)]
        for i, row in enumerate(SECTORS)
    ]


def matrix(stage: Stage, deals: list[DealView]) -> list[list[int | None]]:
    return matrix_of(Counter(stage.deals.sector_pair(d) for d in deals))


def by_category_of(counts: dict) -> list[tuple[str, int]]:
    known = [(c.value, counts.get(c.value, 0)) for c in CATEGORIES]
    extra = sorted((c, n) for c, n in counts.items() if c not in {k for k, _ in known})
    return known + extra


def by_category(deals: list[DealView]) -> list[tuple[str, int]]:
    return by_category_of(Counter(d.category for d in deals))


def public_party(stage: Stage, participant_id: str) -> dict:
    """How a party may be named in public: by name with consent, else by sector only."""
    p = stage.participants.get(participant_id)
    if p is None:
        return {"name": None, "sector": UNKNOWN_SECTOR}
    return {"name": p.name if p.consent_public else None, "sector": p.sector}


def ticker(stage: Stage, limit: int = TICKER_LENGTH) -> list[dict]:
    return [
        {
            "id": d.id,
            "parties": [public_party(stage, pid) for pid in d.party_ids[:2]],
            "more": max(0, len(d.party_ids) - 2),
            "category": d.category,
            "late": stage.is_late(d),
        }
        for d in stage.latest(limit)[:limit]
    ]


def participants_by_sector(stage: Stage) -> list[tuple[str, int]]:
    counts = Counter(p.sector for p in stage.participants.values())
    return [(sector.value, counts.get(sector.value, 0)) for sector in SECTORS]


def board(stage: Stage, now: dt.datetime) -> dict:
    """Everything the screen, the MC and the public page show, as plain data."""
    settings = stage.schedule.settings or {}
    hour = stage.tallies[False]
    count = hour.count
    target = int(settings.get("target") or 0)
    record = stage.record()
    return {
        "phase": stage.phase,
        "name": settings.get("name", ""),
        "date": settings.get("date", ""),
        "count": count,
        "late": stage.late_count(),
        "participants": len(stage.participants),
        "participants_by_sector": participants_by_sector(stage),
        "target": target,
        "to_target": max(0, target - count) if target else None,
        "record": record,
        "to_record": (record.deals + 1 - count) if record else None,
        "pace": stage.pace(now),
        "pace_minutes": PACE_MINUTES,
        "matrix": matrix_of(hour.pairs),
        "by_category": by_category_of(hour.categories),
        "ticker": ticker(stage) if stage.screen.show_ticker else [],
        "screen": stage.shown_screen,
        "opens_at": stage.opens_at(),
        "closes_at": stage.closes_at(),
        "opened_at": stage.opened_at,
        "closed_at": stage.closed_at,
        "now": now,
    }
