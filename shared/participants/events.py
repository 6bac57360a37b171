"""The participants' facts, as they travel in every device's journal."""

from __future__ import annotations

from shared.core.device import ROLE_HUB, ROLE_KIOSK
from shared.core.journal import JournalEvent
from shared.core.registry import REGISTRY
from shared.participants import rules


def _check(ev) -> None:
    rules.check_registration(ev.participant_id, ev.contact_sealed, ev.walk_in)
    rules.validate_profile(
        {
            "name": ev.name,
            "sector": ev.sector,
            "needs": ev.needs,
            "offers": ev.offers,
            "consent_public": ev.consent_public,
        }
    )


def _check_from_kiosk(ev) -> None:
    if ev.walk_in is not True:
        raise ValueError("a tablet registers walk-ins only")
    if ev.contact_sealed != "":
        raise ValueError("a tablet holds no contact details")


@REGISTRY.event(
    "ParticipantRegistered",
    writers=frozenset({ROLE_HUB, ROLE_KIOSK}),  # a tablet: walk-ins added at a deal
    check=_check,
    check_from_kiosk=_check_from_kiosk,
)
class ParticipantRegistered(JournalEvent):
    """A participant's public profile; contact details only as a blob sealed for the hub."""

    participant_id: str
    name: str
    sector: str
    needs: list
    offers: list
    consent_public: bool
    contact_sealed: str
    walk_in: bool
