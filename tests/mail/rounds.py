"""An invitation round as the organiser sends one from a running hub, for the process test and
the benchmark: a hub folder with many invitees (æøå in their names), and the round's form."""

from __future__ import annotations

from pathlib import Path

from tests.support.auth import csrf_token_in


def many_actors(count: int, sector: str = "voluntary") -> list[tuple[str, str, str, str]]:
    return [
        (f"Lag nr. {n} på Årvoll", sector, f"Kåre Ørn {n}", f"lag{n}@arvoll.example")
        for n in range(count)
    ]


def seed_invitees(hub_dir: Path, count: int) -> None:
    """A hub folder with the Sagene evening planned and ``count`` invitees of one sector."""
    from hub.participants import register
    from hub.service import Hub
    from tests.support.evenings import SAGENE_EVENING

    hub = Hub(hub_dir)
    try:
        hub.schedule_evening(SAGENE_EVENING)
        for name, sector, person, email in many_actors(count):
            register.invite(
                hub, {"name": name, "sector": sector, "contact_person": person, "email": email}
            )
    finally:
        hub.close()


def post_round(session, url: str, sector: str = "voluntary", timeout: float = 120):
    """The organiser presses "send the invitations" (a requests.Session logged in)."""
    page = session.get(f"{url}/mail/invitations?sector={sector}", timeout=timeout)
    return session.post(
        f"{url}/mail/invitations",
        data={
            "sector": sector,
            "only_not_signed_up": "on",
            "lang": "nb",
            "csrf_token": csrf_token_in(page.text),
        },
        timeout=timeout,
        allow_redirects=False,
    )
