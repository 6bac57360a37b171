"""Mail: an invitation round of ``emails`` through a real ``bors hub`` to a local aiosmtpd, while
the organiser's pages are read without pause.

The hub is seeded with that many invitees (æøå in their names), started with its SMTP settings
from the environment, and the round is queued by the organiser's own form. Measured: the time
from the form's post until the server holds every email (and how long the post itself took:
rendering and sealing the round), and the latency of the organiser's pages (the send log, the
outbox API, the register, the deal list) read one after the other by a logged-in browser the
whole time. Baselines, same run, same server: the same number of messages sent by raw
``smtplib`` over one connection (what SMTP alone costs), and the same pages read while the
outbox is idle.
"""

from __future__ import annotations

import smtplib
import threading
import time
from email.message import EmailMessage
from pathlib import Path

from bench.common import Row, ms, percentile, ratio, say

NAME = "mail"
PAGES = ("/mail", "/api/outbox", "/participants", "/")
TARGET_SECONDS = 60.0
TARGET_PAGE_P95 = 0.200


class PageReader(threading.Thread):
    """An organiser with the mail pages open: one page after another, no pause."""

    def __init__(self, session, url: str):
        super().__init__(daemon=True)
        self.session, self.url = session, url
        self.latencies: list[float] = []
        self.errors = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.stopping.is_set():
            path = PAGES[n % len(PAGES)]
            n += 1
            started = time.perf_counter()
            answer = self.session.get(self.url + path, timeout=30)
            self.latencies.append(time.perf_counter() - started)
            self.errors += answer.status_code != 200


def _read_pages(session, url: str, seconds: float) -> list[float]:
    reader = PageReader(session, url)
    reader.start()
    time.sleep(seconds)
    reader.stopping.set()
    reader.join(30)
    return reader.latencies


def _raw_smtplib(port: int, emails: int) -> float:
    """The baseline: ``emails`` messages of the same shape sent by smtplib alone."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
        for n in range(emails):
            message = EmailMessage()
            message["From"] = "Frivilligbørs <post@frivilligbors.example>"
            message["To"] = f"Kåre Ørn {n} <lag{n}@arvoll.example>"
            message["Subject"] = "Invitasjon til Frivilligbørs Sagene onsdag 25. november 2026"
            message.set_content("Hei Kåre Ørn,\n\n" + "Ingen penger skifter hender. " * 40)
            message.add_alternative("<p>Hei Kåre Ørn,</p>" + "<p>Ingen penger.</p>" * 40, "html")
            smtp.send_message(message)
    return time.perf_counter() - started


def _queue_round(session, url: str) -> float:
    from tests.mail.rounds import post_round

    started = time.perf_counter()
    answer = post_round(session, url)
    if answer.status_code != 302:
        raise RuntimeError(f"the round was not queued: {answer.status_code}")
    return time.perf_counter() - started


def run(work: Path, programs, emails: int = 1000, idle_seconds: float = 5.0) -> list[Row]:
    from tests.mail.rounds import seed_invitees
    from tests.mail.smtp_server import SmtpServer
    from tests.support.auth import login_session
    from tests.support.processes import wait_until

    say(f"[{NAME}] seeding {emails} invitees")
    seed_invitees(work / "hub", emails)
    server = SmtpServer().start()
    try:
        hub = programs.hub(work / "hub", env=server.env())
        session = login_session(hub.url)
        for path in PAGES:  # the first answer of each page fills caches: not what is measured
            session.get(hub.url + path, timeout=60)
        idle = _read_pages(session, hub.url, idle_seconds)

        reader = PageReader(login_session(hub.url), hub.url)  # a second tab, its own session
        reader.start()  # while the round is rendered and sealed too
        started = time.perf_counter()
        queued_in = _queue_round(session, hub.url)
        wait_until(lambda: server.mailbox.count() >= emails, timeout=600, interval=0.1)
        took = time.perf_counter() - started
        reader.stopping.set()
        reader.join(30)
        wait_until(
            lambda: (
                session.get(f"{hub.url}/api/outbox", timeout=10).json()["counts"]["sent"] == emails
            ),
            timeout=60,
        )
        copies = server.mailbox.by_message_id()
        if len(copies) != emails or sum(copies.values()) != emails:
            raise RuntimeError(f"{sum(copies.values())} messages, {len(copies)} Message-IDs")
        hub.stop()

        server.mailbox.messages.clear()
        raw = _raw_smtplib(server.port, emails)
    finally:
        server.stop()

    busy_p95, idle_p95 = percentile(reader.latencies, 95), percentile(idle, 95)
    say(
        f"[{NAME}] {emails} emails in {took:.1f} s (queued in {queued_in:.1f} s); "
        f"raw smtplib {raw:.1f} s"
    )
    say(f"[{NAME}] pages p95 {ms(busy_p95)} while sending ({len(reader.latencies)} reads, "
        f"{reader.errors} not 200), {ms(idle_p95)} idle")  # fmt: skip
    return [
        Row(
            NAME,
            f"{emails} emails queued by the round's form and delivered to aiosmtpd "
            f"(the post took {queued_in:.1f} s)",
            f"≤ {TARGET_SECONDS:.0f} s",
            f"{took:.1f} s",
            f"raw smtplib, one connection: {raw:.1f} s",
            ratio(took, raw),
            took <= TARGET_SECONDS,
        ),
        Row(
            NAME,
            f"organiser pages ({', '.join(PAGES)}) p95 while sending, "
            f"{len(reader.latencies)} reads",
            f"≤ {ms(TARGET_PAGE_P95)}",
            ms(busy_p95),
            f"same pages, outbox idle: {ms(idle_p95)}",
            ratio(busy_p95, idle_p95),
            busy_p95 <= TARGET_PAGE_P95 and reader.errors == 0,
        ),
    ]
