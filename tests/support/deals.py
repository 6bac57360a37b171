"""A valid deal, as a broker would send it: the one payload many tests start from."""

from __future__ import annotations


def deal_payload(a: str, b: str, broker: str = "Kari", **changes) -> dict:
    """A mutual premises deal between participants ``a`` and ``b``; ``changes`` override fields."""
    return {
        "parties": [
            {"participant_id": a, "gives": "Lokale"},
            {"participant_id": b, "gives": "Kurs"},
        ],
        "category": "premises",
        "kind": "mutual",
        "deadline": "2027-03-01",
        "broker": broker,
        **changes,
    }


def register(hub, a: str, b: str, **changes) -> str:
    """The hub registers ``deal_payload(a, b, **changes)`` (as the organiser's own tablet)."""
    return hub.register_deal(deal_payload(a, b, **changes))


def one_of(hub, sector: str, index: int = 0) -> str:
    """The id of a participant of ``sector``: the ``index``-th, in the order of their ids."""
    ids = sorted(p.id for p in hub.evening.participants.values() if p.sector == sector)
    return ids[index]


def ids(kiosk) -> dict[str, str]:
    return {p.name: p.id for p in kiosk.evening.participants.values()}


def deal_form(kiosk, partner: str = "Bydel Sagene", **changes) -> dict:
    """The kiosk's deal form as a broker fills it: Sagene IF and ``partner``, premises, mutual;
    ``changes`` replace fields (None leaves one out)."""
    people = ids(kiosk)
    data = {
        "party_count": "2",
        "p0_mode": "chosen",
        "p0_id": people["Sagene IF"],
        "p0_gives": "Lokale",
        "p1_mode": "chosen",
        "p1_id": people[partner],
        "p1_gives": "Kurs",
        "category": "premises",
        "kind": "mutual",
        "deadline": "01.03.2027",
        "broker": "Kari",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
