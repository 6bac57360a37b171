"""What the hub holds about one person, for them (the export) and for the organiser (the
consent log): read from the projections and the vault, never from anywhere else."""

from __future__ import annotations

import datetime as dt

from hub.participants.register import notes_of
from hub.service import Hub
from shared.core.checks import FieldError, ValidationFailed, is_uuid
from shared.core.registry import REGISTRY
from shared.deals.presenter import deal_json

EXPORT_FORMAT = 1


def _when(at: dt.datetime | None) -> str | None:
    return at.isoformat() if at else None


def consent_versions(hub: Hub) -> dict[str, dict]:
    """Each consent text ever recorded, numbered in the order it was first recorded."""
    texts = sorted(hub.evening.participants.consent_texts.values(), key=lambda ev: ev.timestamp)
    return {
        ev.digest: {
            "version": number,
            "digest": ev.digest,
            "lang": ev.lang,
            "recorded_at": _when(ev.timestamp),
            "text": ev.text,
        }
        for number, ev in enumerate(texts, start=1)
    }


def consent_given_at(hub: Hub, participant_id: str) -> dt.datetime | None:
    """When they gave the consent on record (their latest sign-up)."""
    signed = [
        ev
        for ev in hub.evening.participants.facts_of(participant_id)
        if REGISTRY.name_of(type(ev)) == "ParticipantSignedUp"
        and ev.participant_id == participant_id
    ]
    return signed[-1].timestamp if signed else None


def door_consent_at(hub: Hub, p) -> dt.datetime | None:
    """A walk-in who gave contact details at the door ticked the tablet's consent (the hub
    takes the details in only then): when they checked in, or None."""
    if not (p.walk_in and p.contact_sealed):
        return None
    arrival = hub.evening.arrivals.arrival(p.id)
    return arrival.at if arrival is not None else None


def consent_log(hub: Hub) -> list[dict]:
    """One row per participant: which consent text (its version) and when, or none."""
    versions = consent_versions(hub)
    rows = []
    for p in hub.evening.participants.values():
        version = versions.get(p.consent_text)
        door = door_consent_at(hub, p) if version is None else None
        rows.append(
            {
                "door_consent_at": door,
                "participant_id": p.id,
                "name": p.name,
                "status": p.status,
                "walk_in": p.walk_in,
                "erased": p.erased,
                "consent": version,
                "given_at": consent_given_at(hub, p.id) if version else None,
                "show_public": p.show_public,
            }
        )
    rows.sort(
        key=lambda r: (r["given_at"] is None, _when(r["given_at"]) or "", r["name"].casefold())
    )
    return rows


def _known(hub: Hub, participant_id: str):
    found = hub.evening.participants.get(participant_id) if is_uuid(participant_id) else None
    if found is None:
        raise ValidationFailed([FieldError("participant_id", "unknown_participant")])
    return found


def export_person(hub: Hub, participant_id: str) -> dict:
    """Everything the hub holds about one participant, in one JSON document (GDPR art. 15/20):
    profile, contact details, consent (its exact words), notes, the history of the facts, the
    deals they are party to, and whether they were erased or their contact details purged."""
    with hub.evening.lock.reading():
        p = _known(hub, participant_id)
        participants = hub.evening.participants
        version = consent_versions(hub).get(p.consent_text)
        deals = [
            deal_json(deal, participants)
            for deal in hub.evening.deals.values()
            if any(party.get("participant_id") == p.id for party in deal.parties)
        ]
        history = [
            {"at": _when(ev.timestamp), "what": REGISTRY.name_of(type(ev))}
            for ev in participants.facts_of(p.id)
        ]
        given_at = consent_given_at(hub, p.id) if version else None
        privacy = hub.evening.privacy
        erased = privacy.erased.get(p.id)
        purged = privacy.purged.get(p.id)
    return {
        "format": EXPORT_FORMAT,
        "exported_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "participant": {
            "id": p.id,
            "name": p.name,
            "orgnr": p.orgnr,
            "sector": p.sector,
            "needs": p.needs,
            "offers": p.offers,
            "logo": p.logo,
            "status": p.status,
            "walk_in": p.walk_in,
            "source": p.source,
            "show_public": p.show_public,
            "registered_at": _when(participants.registered_at(p.id)),
        },
        "contact": hub.contact_of(p.id),
        "consent": {**version, "given_at": _when(given_at)} if version else None,
        "notes": [{"at": _when(at), "text": text} for at, text in notes_of(hub, p.id)],
        "history": history,
        "deals": deals,
        "erased_at": _when(erased.timestamp) if erased else None,
        "contact_purged_at": _when(purged.timestamp) if purged else None,
    }
