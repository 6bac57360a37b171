"""The report's figures, computed from the evening's projections (never from a page's cache).

Everything a municipality reports to its politicians and funders: who came (by sector, signed
up and arrived), the deals in all and between sectors (the 3×3 matrix), by category and kind,
through the hour in five-minute steps, per tablet and broker, who made no deal, what the
follow-up found over time, and how the evening compares with earlier ones and the record.
One plain dict, the same for ``GET /api/report``, the page and the PDF.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from shared.core.vocabulary import CATEGORIES, DEAL_KINDS, SECTORS
from shared.followup.rules import OPEN, STATUSES, validate_category_value
from shared.participants.rules import STATUS_WITHDRAWN

STEP_MINUTES = 5


def _participants(evening) -> dict:
    arrivals = getattr(evening, "arrivals", None)
    by_sector = {s: {"signed_up": 0, "walk_ins": 0, "arrived": 0} for s in SECTORS}
    for p in evening.participants.values():
        if p.merged_into is not None or p.status == STATUS_WITHDRAWN or p.sector not in by_sector:
            continue
        by_sector[p.sector]["walk_ins" if p.walk_in else "signed_up"] += 1
        if p.walk_in or (arrivals is not None and arrivals.is_here(p.id)):
            by_sector[p.sector]["arrived"] += 1
    totals = {k: sum(row[k] for row in by_sector.values()) for k in ("signed_up", "walk_ins")}
    totals["arrived"] = sum(row["arrived"] for row in by_sector.values())
    return {"by_sector": by_sector, **totals}


def _matrix(evening, deals) -> dict:
    matrix = {a: dict.fromkeys(SECTORS, 0) for a in SECTORS}
    for deal in deals:
        sectors = [evening.participants.sector_of(pid) for pid in deal.party_ids[:2]]
        if len(sectors) == 2 and all(s in matrix for s in sectors):
            a, b = sorted(sectors)
            matrix[a][b] += 1
            if a != b:
                matrix[b][a] += 1
    return matrix


def _start_and_end(evening) -> tuple[dt.datetime | None, dt.datetime | None]:
    stage = evening.stage
    return stage.opened_at or stage.opens_at(), stage.closed_at or stage.closes_at()


def _timeline(evening, deals) -> dict:
    """Deals per five minutes from the opening (the gong, or the planned time), by when the hub
    received them (a tablet's clock may be wrong: promise 7); after a restart, the tablet's
    time, as the stage screen's pace does."""
    start, end = _start_and_end(evening)
    if start is None:
        return {"start": None, "steps": [], "before": 0, "after": 0}
    minutes = int((end - start).total_seconds() // 60) if end and end > start else 60
    steps = [0] * max(1, -(-minutes // STEP_MINUTES))
    before = after = 0
    arrived = evening.stage.arrivals  # the hub's clock when it was live, as the screen's pace
    for deal in deals:
        offset = (arrived.get(deal.id, deal.registered_at) - start).total_seconds() / 60
        index = int(offset // STEP_MINUTES)
        if offset < 0:
            before += 1
        elif index >= len(steps):
            after += 1
        else:
            steps[index] += 1
    rows = [{"minute": i * STEP_MINUTES, "deals": n} for i, n in enumerate(steps)]
    return {"start": start.isoformat(), "steps": rows, "before": before, "after": after}


def _counted_by(deals, key) -> list[dict]:
    counts = Counter(key(d) for d in deals)
    return [{"name": k, "deals": n} for k, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]


def _followup(evening, deals) -> dict:
    """Statuses now, and at the end of each day a status changed."""
    ids = {d.id for d in deals}
    status = dict.fromkeys(ids, OPEN)
    changes = []
    for deal_id in ids & set(evening.followup.deal_ids()):
        for step in evening.followup.card(deal_id).history:
            if "status" in step.changes and step.what in ("FollowUpRecorded", "FollowUpAnswered"):
                changes.append((step.at, deal_id, step.changes["status"]))
    changes.sort(key=lambda c: c[0])
    over_time: list[dict] = []
    for at, deal_id, new in changes:
        status[deal_id] = new
        day = at.astimezone().date().isoformat()
        counts = Counter(status.values())
        row = {"date": day, **{s: counts.get(s, 0) for s in STATUSES}}
        if over_time and over_time[-1]["date"] == day:
            over_time[-1] = row
        else:
            over_time.append(row)
    now = Counter(status.values())
    return {"by_status": {s: now.get(s, 0) for s in STATUSES}, "over_time": over_time}


def _comparison(evening, deals: int, participants: int) -> dict:
    stage = evening.stage
    record = stage.record()
    earlier = [
        {"name": f.name, "date": f.date, "deals": f.deals, "participants": f.participants}
        for f in stage.earlier_evenings()
    ]
    return {
        "earlier": earlier,
        "record": None
        if record is None
        else {"name": record.name, "date": record.date, "deals": record.deals},
        "beats_record": record is not None and deals > record.deals,
        "this": {"deals": deals, "participants": participants},
    }


def _without_deal(evening, deals) -> list[dict]:
    with_deal = {pid for d in deals for pid in d.party_ids}
    return sorted(
        (
            {"participant_id": p.id, "name": p.name, "sector": p.sector}
            for p in evening.participants.values()
            if p.merged_into is None and p.status != STATUS_WITHDRAWN and p.id not in with_deal
        ),
        key=lambda row: row["name"].casefold(),
    )


def _value(evening, deals) -> dict:
    """The social value in kroner: each deal's estimate, or its category's default."""
    followup = evening.followup
    by_category: Counter = Counter()
    estimated = 0
    for deal in deals:
        kroner, own = followup.value_of(deal.id, deal.category)
        by_category[deal.category] += kroner
        estimated += own
    return {
        "total": sum(by_category.values()),
        "estimated_deals": estimated,
        "by_category": {c: by_category.get(c, 0) for c in CATEGORIES},
        "defaults": {c: followup.category_values().get(c, 0) for c in CATEGORIES},
    }


def value_total(evening) -> int:
    """The social value in kroner of the evening's counted deals: the report's own total (the
    stage screen shows it too, so the hall and the report never disagree)."""
    return _value(evening, evening.deals.counted_deals())["total"]


def report(evening) -> dict:
    deals = evening.deals.counted_deals()
    plan = evening.settings or {}
    people = _participants(evening)
    devices = evening.devices
    by_category = Counter(d.category for d in deals)
    by_kind = Counter(d.kind for d in deals)
    return {
        "evening": {k: plan.get(k, "") for k in ("name", "date", "venue", "opens_at", "closes_at")},
        "participants": people,
        "deals": {
            "total": len(deals),
            "voided": evening.deals.voided,
            "late": evening.stage.late_count(),
            "matrix": _matrix(evening, deals),
            "by_category": {
                c: by_category.get(c, 0)
                for c in (*CATEGORIES, *sorted(set(by_category) - set(CATEGORIES)))
            },
            "by_kind": {k: by_kind.get(k, 0) for k in DEAL_KINDS},
        },
        "timeline": _timeline(evening, deals),
        "by_device": _counted_by(deals, lambda d: devices.name_of(d.origin, d.origin[:8])),
        "by_broker": _counted_by(deals, lambda d: d.broker or "—"),
        "without_deal": _without_deal(evening, deals),
        "followup": _followup(evening, deals),
        "value": _value(evening, deals),
        "comparison": _comparison(evening, len(deals), people["signed_up"] + people["walk_ins"]),
    }


def category_value(category: str, raw: str) -> tuple[str, int]:
    """A category's default value as typed ("12 000" is 12000), or ValidationFailed."""
    clean = validate_category_value({"category": category, "kroner": raw.replace(" ", "")})
    return clean["category"], clean["kroner"]
