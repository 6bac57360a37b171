"""Follow-up after the evening (issue 15), on a real ``bors hub``: an evening of
``participants`` (with contact details, needs and offers) and ``deals`` deals, a third of them
already followed up. Targets: the board (``GET /followup``, every deal) p95 ≤ 100 ms, and every
participant's email queued by ``POST /api/mail/after-evening`` in ≤ 5 s.

Baselines, same run: the same number of GETs to a hello-world app on waitress (what HTTP
alone costs), and the outbox queueing the same participants a plain letter (the sign-up
confirmation, no deals, no .ics) in one ``queue_many`` (what the mail room alone costs).
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from pathlib import Path

from bench.common import Client, Row, ms, percentile, ratio, say, start_hello, stop

NAME = "followup"
SECTORS = ("business", "voluntary", "public")
CATEGORIES = ("premises", "equipment", "courses", "culture", "volunteering", "expertise")
# what real follow-ups found: 46 % done, 39 % in progress, 13 % not feasible, 2 % not reached
OUTCOMES = ["done"] * 46 + ["in_progress"] * 39 + ["not_feasible"] * 13 + ["not_reached"] * 2
PAGES = ("/followup", "/followup?view=overdue", "/api/followup")


def seed(folder: Path, participants: int, deals: int) -> None:
    from hub.followup import desk
    from hub.service import Hub
    from tests.support.evenings import SAGENE_EVENING

    rng = random.Random(15)
    hub = Hub(folder)
    try:
        hub.schedule_evening(SAGENE_EVENING)
        ids = []
        profiles = []
        for n in range(participants):
            pid = str(uuid.uuid4())
            contact = {
                "contact_person": f"Kåre Ørn {n}",
                "email": f"lag{n}@arvoll.example",
                "phone": f"+47 900 {n:05d}"[:15],
            }
            profile = {
                "name": f"Lag {n} på Årvoll",
                "sector": SECTORS[n % 3],
                "consent_public": True,
                "needs": [{"category": rng.choice(CATEGORIES), "text": f"Lokale til møter {n}"}],
                "offers": [{"category": rng.choice(CATEGORIES), "text": f"Frivillige og kurs {n}"}],
            }
            profiles.append((pid, profile, hub.contacts.seal(pid, contact)))
            ids.append(pid)
        today = dt.date.today()

        def command(journal) -> None:
            for pid, profile, sealed in profiles:
                journal.register_participant(pid, profile, sealed)
            for n in range(deals):
                a, b = rng.sample(ids[: int(participants * 0.9)], 2)  # a tenth make no deal
                deadline = (today + dt.timedelta(days=rng.randint(1, 120))).isoformat()
                journal.register_deal(
                    {
                        "parties": [
                            {"participant_id": a, "gives": f"Lokale {n}"},
                            {"participant_id": b, "gives": f"Kurs {n}"},
                        ],
                        "category": rng.choice(CATEGORIES),
                        "kind": "mutual",
                        "deadline": deadline,
                        "broker": "Kari",
                    },
                    lambda _pid: True,
                )

        hub.record(command)
        notes = desk.notes_of(hub)
        deal_ids = sorted(hub.evening.deals)

        def follow(journal) -> None:
            for deal_id in deal_ids[: deals // 3]:
                status = rng.choice(OUTCOMES)
                changes = {"status": status, "last_contact": today.isoformat()}
                if status == "not_feasible":
                    changes["reason"] = "Fant ikke tid før sommeren"
                changes["notes"] = notes.seal(f"Ringte {deal_id[:8]}")
                journal.record_followup(deal_id, changes, "board")

        hub.record(follow)
    finally:
        hub.close()


def timed_pages(session, url: str, rounds: int) -> list[float]:
    for path in PAGES:
        assert session.get(url + path, timeout=30).status_code == 200
    times = []
    for _ in range(rounds):
        for path in PAGES[:1]:
            t0 = time.perf_counter()
            answer = session.get(url + path, timeout=30)
            times.append(time.perf_counter() - t0)
            assert answer.status_code == 200
    return times


def timed_after_changes(session, url: str, rounds: int) -> list[float]:
    """The board read right after each change (nothing of it kept from the last read)."""
    deal_ids = [d["id"] for d in session.get(url + "/api/followup", timeout=30).json()["deals"]]
    times = []
    for n in range(rounds):
        deal_id = deal_ids[(n * 7) % len(deal_ids)]
        form = {"status": "in_progress", "reason": "", "notes": f"Ringt {n}"}
        form |= {"last_contact": "", "next_contact": ""}
        assert session.post(f"{url}/followup/{deal_id}", data=form, timeout=30).status_code < 400
        t0 = time.perf_counter()
        assert session.get(url + PAGES[0], timeout=30).status_code == 200
        times.append(time.perf_counter() - t0)
    return times


def baseline_queue(folder: Path) -> tuple[float, int]:
    """The outbox alone: a plain letter to every participant, in one queue_many."""
    from hub.mail import Mailroom
    from hub.mail.outbox import MailRequest
    from hub.service import Hub

    hub = Hub(folder)
    mailroom = Mailroom(hub)
    try:
        with hub.evening.lock.reading():
            requests = [
                MailRequest("confirmation", p.id, "confirmation", {}, f"bench-base:{p.id}")
                for p in hub.evening.participants.values()
            ]
            t0 = time.perf_counter()
            mailroom.outbox.queue_many(requests)
            return time.perf_counter() - t0, len(requests)
    finally:
        mailroom.close()
        hub.close()


def run(work: Path, programs, participants: int = 300, deals: int = 500, rounds: int = 30):
    from tests.support.auth import login_session

    t0 = time.monotonic()
    seed(work / "hub", participants, deals)
    say(f"[{NAME}] seeded {participants} participants, {deals} deals in "
        f"{time.monotonic() - t0:.1f} s")  # fmt: skip
    hub = programs.hub(work / "hub")
    session = login_session(hub.url)
    board = timed_pages(session, hub.url, rounds)
    changed = timed_after_changes(session, hub.url, max(5, rounds // 2))
    t0 = time.perf_counter()
    answer = session.post(hub.url + "/api/mail/after-evening", timeout=120)
    queued_in = time.perf_counter() - t0
    figures = answer.json()
    assert answer.status_code == 200 and figures["queued"] == participants, figures
    again = session.post(hub.url + "/api/mail/after-evening", timeout=120).json()
    assert again["queued"] == 0, again
    session.close()
    hub.stop()
    base_queue, base_count = baseline_queue(work / "hub")

    hello, port = start_hello(work)
    client = Client(port)
    for _ in range(3):
        client.request("GET", "/")
    base_times = []
    for _ in range(rounds):
        t1 = time.perf_counter()
        client.request("GET", "/")
        base_times.append(time.perf_counter() - t1)
    client.close()
    stop(hello)

    p50, p95, base = percentile(board, 50), percentile(board, 95), percentile(base_times, 95)
    cold50, cold95 = percentile(changed, 50), percentile(changed, 95)
    say(f"[{NAME}] board GET /followup, {deals} deals: p50 {ms(p50)} p95 {ms(p95)}; "
        f"hello p95 {ms(base)}")  # fmt: skip
    say(f"[{NAME}] after-evening emails for {participants}: {queued_in:.2f} s "
        f"({figures['deals']} with deals, {figures['thanks']} thank-yous); outbox alone "
        f"{base_queue:.2f} s for {base_count}")  # fmt: skip
    return [
        Row(
            NAME,
            f"the board GET /followup, {deals} deals, p95",
            "≤ 100 ms",
            f"{ms(p95)} (p50 {ms(p50)})",
            f"hello GET p95 {ms(base)}",
            ratio(p95, base),
            p95 <= 0.100,
        ),
        Row(
            NAME,
            f"the board right after a change, {deals} deals, p95",
            "≤ 100 ms",
            f"{ms(cold95)} (p50 {ms(cold50)})",
            f"hello GET p95 {ms(base)}",
            ratio(cold95, base),
            cold95 <= 0.100,
        ),
        Row(
            NAME,
            f"every participant's email queued, {participants} participants "
            f"(POST /api/mail/after-evening)",
            "≤ 5 s",
            f"{queued_in:.2f} s",
            f"outbox alone, a plain letter: {base_queue:.2f} s",
            ratio(queued_in, base_queue),
            queued_in <= 5.0,
        ),
    ]
