"""The small evenings many tests start from, signed up through the hub's own commands."""

from __future__ import annotations

from hub.service import Hub

# Sagene IF's contact person: what must never show on a public page or cross the air readable.
CONTACT = {
    "contact_person": "Kari Kontaktperson",
    "email": "kari.kontakt@sagene-if.example",
    "phone": "+47 912 34 567",
}

# A name a curious guest might type at the door: it must come back as text, never as markup.
HOSTILE = '<script>alert("x")</script>'

SAGENE_EVENING = {
    "name": "Frivilligbørs Sagene",
    "venue": "Sagene samfunnshus",
    "date": "2026-11-25",
    "opens_at": "17:45",
    "closes_at": "18:45",
    "target": 60,
}


def sign_up_sagene(hub: Hub) -> tuple[str, str]:
    """The smallest evening a deal can be made in: Sagene IF (voluntary, with its contact
    person) and Bydel Sagene (public); returns their ids."""
    sagene_if = hub.register_participant({"name": "Sagene IF", "sector": "voluntary", **CONTACT})
    bydel = hub.register_participant({"name": "Bydel Sagene", "sector": "public"})
    return sagene_if, bydel
