"""Fifty people signing up at once on a real ``bors hub``: p95 of the form's post ≤ 150 ms,
and every one of them in the register afterwards.

Each person has an address of their own (127.0.0.2, 127.0.0.3, … on loopback: the hub sees
fifty households, as the per-address limit expects), opens ``/signup`` (cookie, CSRF token,
the signed time the form was shown, the consent's digest), waits out the minimum fill time,
then all post the multipart form at the same moment (a barrier). Measured: each post until its
``303`` to the personal link. Baseline, same run: the same fifty simultaneous posts of the same
bodies to a hello-world app on waitress.
"""

from __future__ import annotations

import collections
import datetime as dt
import http.client
import re
import threading
import time
from pathlib import Path

from bench.common import Row, ms, percentile, ratio, say, start_hello, stop

NAME = "signup"
MIN_FILL_SECONDS = 3.0  # hub/signup/spam.py: the hub's default, which the bench does not lower
_HIDDEN = re.compile(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"')


def prepare(folder: Path) -> None:
    from hub.participants import register
    from hub.service import Hub

    hub = Hub(folder)
    try:
        retention = (dt.date.today() + dt.timedelta(days=200)).isoformat()
        register.configure_signup(
            hub,
            {"mode": "open", "retention": retention, "organiser": "Bydel Sagene", "cap": ""},
        )
    finally:
        hub.close()


class Person:
    """One browser, on an address of its own."""

    def __init__(self, port: int, number: int):
        self.number = number
        self.address = f"127.0.0.{2 + number}"
        self.conn = http.client.HTTPConnection(
            "127.0.0.1", port, timeout=30, source_address=(self.address, 0)
        )
        self.cookie = ""
        self.fields: dict[str, str] = {}

    def open_form(self) -> None:
        self.conn.request("GET", "/signup")
        answer = self.conn.getresponse()
        html = answer.read().decode()
        assert answer.status == 200, answer.status
        self.cookie = (answer.getheader("Set-Cookie") or "").split(";", 1)[0]
        self.fields = dict(_HIDDEN.findall(html))

    def body(self) -> tuple[bytes, str]:
        from werkzeug.datastructures import MultiDict
        from werkzeug.test import encode_multipart

        typed = {
            **self.fields,
            "name": f"Benkelaget {self.number}",
            "sector": ("voluntary", "public", "business")[self.number % 3],
            "contact_person": f"Person {self.number}",
            "email": f"person{self.number}@bench.example",
            "phone": "",
            "need_category_0": "premises",
            "need_text_0": "Et rom på tirsdager",
            "offer_category_0": "volunteering",
            "offer_text_0": "Dugnadshjelp",
            "show_public": "on",
            "consent": "on",
            "website": "",
        }
        boundary, raw = encode_multipart(MultiDict(typed))
        return raw, f"multipart/form-data; boundary={boundary}"

    def post(self, path: str, raw: bytes, content_type: str) -> tuple[int, float]:
        headers = {"Content-Type": content_type, "Cookie": self.cookie}
        start = time.perf_counter()
        self.conn.request("POST", path, body=raw, headers=headers)
        answer = self.conn.getresponse()
        answer.read()
        return answer.status, time.perf_counter() - start

    def close(self) -> None:
        self.conn.close()


def all_at_once(people: list[Person], path: str, bodies: list[tuple[bytes, str]]) -> list:
    """Every person posts at the same moment; (status, seconds) of each."""
    results: list = [None] * len(people)
    barrier = threading.Barrier(len(people))

    def one(i: int) -> None:
        barrier.wait()
        results[i] = people[i].post(path, *bodies[i])

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(people))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def in_register(folder: Path) -> set[str]:
    from hub.service import Hub

    hub = Hub(folder)
    try:
        return {p.name for p in hub.evening.participants.values() if p.status == "signed_up"}
    finally:
        hub.close()


def run(work: Path, programs, people: int = 50) -> list[Row]:
    folder = work / "hub"
    prepare(folder)
    hub = programs.hub(folder)
    crowd = [Person(hub.port, n) for n in range(people)]
    for person in crowd:
        person.open_form()
    bodies = [person.body() for person in crowd]
    time.sleep(MIN_FILL_SECONDS + 0.2)  # they read and type
    results = all_at_once(crowd, "/signup", bodies)
    for person in crowd:
        person.close()
    hub.stop()
    stored = in_register(folder)
    wanted = {f"Benkelaget {n}" for n in range(people)}
    redirected = sum(1 for status, _ in results if status == 303)
    say(f"[{NAME}] answers: {sorted(collections.Counter(s for s, _ in results).items())}")
    times = [seconds for _, seconds in results]

    hello, port = start_hello(work)
    echo = [Person(port, n) for n in range(people)]
    baseline = [seconds for _, seconds in all_at_once(echo, "/", bodies)]
    for person in echo:
        person.close()
    stop(hello)

    p50, p95 = percentile(times, 50), percentile(times, 95)
    base = percentile(baseline, 95)
    lost = len(wanted - stored)
    say(
        f"[{NAME}] {people} sign-ups at once: p50 {ms(p50)} p95 {ms(p95)} max {ms(max(times))}; "
        f"{redirected}/{people} answered 303, {len(stored & wanted)} in the register, {lost} "
        f"lost; hello p95 for the same {people} posts {ms(base)}"
    )
    return [
        Row(
            NAME,
            f"{people} people post the sign-up at once, p95",
            "≤ 150 ms",
            f"{ms(p95)} (p50 {ms(p50)})",
            f"hello, same posts at once, p95 {ms(base)}",
            ratio(p95, base),
            p95 <= 0.150,
        ),
        Row(
            NAME,
            f"{people} sign-ups at once: in the register afterwards",
            "all, none lost",
            f"{len(stored & wanted)} of {people} ({redirected} answered 303)",
            "",
            "",
            lost == 0 and redirected == people,
        ),
    ]
