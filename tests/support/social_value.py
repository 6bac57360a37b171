"""The social value counted from a hub's raw events, independently of the projections: each
counted deal's own estimate, else its category's default (one device: the last in log order)."""

from __future__ import annotations


def value_from_raw_events(hub) -> int:
    estimates, defaults, category, voided = {}, {}, {}, set()
    for ev in (hub.store.mapper.to_domain_event(n) for n in hub.store.read_all(0)):
        name = type(ev).__name__
        if name == "DealValueEstimated":
            estimates[ev.deal_id] = ev.kroner
        elif name == "CategoryValueSet":
            defaults[ev.category] = ev.kroner
        elif name in ("DealRegistered", "DealCorrected"):
            category[ev.deal_id] = ev.category
        elif name == "DealVoided":
            voided.add(ev.deal_id)
        elif name == "DealVoidUndone":  # one device, log order: the undo saw every void
            voided.discard(ev.deal_id)
    return sum(
        estimates.get(d) or defaults.get(c, 0) for d, c in category.items() if d not in voided
    )
