"""The børskatalog under a full sign-up: 2,000 participants of three needs and three offers
each, on a real ``bors hub``. Targets: search (``GET /api/catalogue``) p95 ≤ 50 ms and the
catalogue page (``GET /catalogue``, the first page of everyone or of a search) p95 ≤ 200 ms;
a participant's page with its match suggestions is measured beside them, warm (its
suggestions ranked and kept until the catalogue changes) and at its first view (cold).

The texts are the labelled set's (tests/matching/labelled_set.toml) with a word of their own
added, so words repeat across participants as they do in a real bydel's catalogue; the searches
are what people type (a prefix, two words, a name, with and without a filter). Each request is
timed on one keep-alive connection after one warm-up round (the first search builds the word
index, the first participant page the matchmaker). Baseline, same run: the same number of GETs
to a hello-world app on waitress.
"""

from __future__ import annotations

import random
import time
import tomllib
import uuid
from pathlib import Path
from urllib.parse import urlencode

from bench.common import ROOT, Client, Row, ms, percentile, ratio, say, start_hello, stop

NAME = "catalogue"
LABELLED = ROOT / "tests" / "matching" / "labelled_set.toml"
SECTORS = ("business", "voluntary", "public")
EXTRA_WORDS = [
    "tirsdag",
    "kveld",
    "helg",
    "barn",
    "unge",
    "eldre",
    "sagene",
    "torshov",
    "sandaker",
    "lokale",
    "hjelp",
    "kurs",
]
SEARCHES = [
    {"q": "lok"},
    {"q": "lokale tirsdag"},
    {"q": "rode kors"},
    {"q": "frivillige", "category": "volunteering"},
    {"q": "kurs", "sector": "public"},
    {"category": "premises"},
    {"q": "piano"},
    {"q": "bors"},
    {"q": "regnskap hjelp"},
    {"q": "lag 1"},
]
PAGES = [{}, {"q": "lokale"}, {"category": "equipment", "sector": "business"}, {"page": "3"}]


def _texts() -> dict[str, list[tuple[str, str]]]:
    data = tomllib.loads(LABELLED.read_text())
    texts = {"needs": [], "offers": []}
    for p in data["participant"]:
        for side in texts:
            texts[side] += [(item["category"], item["text"]) for item in p[side]]
    return texts


def seed(folder: Path, participants: int) -> list[str]:
    """``participants`` of three needs and three offers, all shown; in one write."""
    from hub.service import Hub

    rng = random.Random(12)
    texts = _texts()
    profiles = []
    for n in range(participants):
        word = rng.choice(EXTRA_WORDS)
        profile = {
            "name": f"Lag {n} {rng.choice(['Røde Kors', 'IF', 'AS', 'Korps', 'Bydel', 'Kor'])}",
            "sector": SECTORS[n % 3],
            "consent_public": True,
        }
        for side in ("needs", "offers"):
            picked = rng.sample(texts[side], 3)
            profile[side] = [{"category": c, "text": f"{t} {word}"} for c, t in picked]
        profiles.append((str(uuid.uuid4()), profile))
    hub = Hub(folder)
    try:

        def command(journal) -> None:
            for participant_id, profile in profiles:
                journal.register_participant(participant_id, profile, "")

        hub.record(command)
        assert len(hub.evening.catalogue.entries()) == participants
    finally:
        hub.close()
    return [pid for pid, _ in profiles]


def timed(client: Client, paths: list[str], rounds: int, cold: list | None = None):
    for path in paths:  # warm-up: indexes built, pages compiled, suggestions ranked
        t0 = time.perf_counter()
        status, _ = client.request("GET", path)
        if cold is not None:
            cold.append(time.perf_counter() - t0)
        assert status == 200, (path, status)
    times = []
    for _ in range(rounds):
        for path in paths:
            t0 = time.perf_counter()
            status, _ = client.request("GET", path)
            times.append(time.perf_counter() - t0)
            assert status == 200, (path, status)
    return times


def run(work: Path, programs, participants: int = 2000, rounds: int = 20) -> list[Row]:
    t0 = time.monotonic()
    ids = seed(work / "hub", participants)
    say(f"[{NAME}] seeded {participants} participants × 3 needs × 3 offers in "
        f"{time.monotonic() - t0:.1f} s")  # fmt: skip
    hub = programs.hub(work / "hub")
    client = Client(hub.port)
    searches = timed(client, [f"/api/catalogue?{urlencode(q)}" for q in SEARCHES], rounds)
    pages = timed(client, [f"/catalogue?{urlencode(q)}" for q in PAGES], rounds)
    rng = random.Random(3)
    first_views: list[float] = []  # each page's first view: its suggestions not yet ranked
    own = timed(client, [f"/catalogue/{pid}" for pid in rng.sample(ids, 10)], rounds, first_views)
    client.close()
    hub.stop()

    hello, port = start_hello(work)
    base_client = Client(port)
    baseline = timed(base_client, ["/"] * len(SEARCHES), rounds)
    base_client.close()
    stop(hello)

    base = percentile(baseline, 95)
    rows = []
    for what, times, target in (
        (f"search GET /api/catalogue, {participants} participants, p95", searches, 0.050),
        (f"catalogue page GET /catalogue, {participants} participants, p95", pages, 0.200),
        ("a participant's page with its suggestions, p95", own, 0.200),
    ):
        p50, p95 = percentile(times, 50), percentile(times, 95)
        say(f"[{NAME}] {what}: p50 {ms(p50)} p95 {ms(p95)} max {ms(max(times))} "
            f"({len(times)} requests); hello p95 {ms(base)}")  # fmt: skip
        rows.append(
            Row(
                NAME,
                what,
                f"≤ {target * 1000:.0f} ms",
                f"{ms(p95)} (p50 {ms(p50)})",
                f"hello GET p95 {ms(base)}",
                ratio(p95, base),
                p95 <= target,
            )
        )
    build, cold = first_views[0], max(first_views[1:])
    say(f"[{NAME}] first participant page after a change (matchmaker rebuilt): {ms(build)}; "
        f"other pages' first views: max {ms(cold)}")  # fmt: skip
    rows.append(
        Row(
            NAME,
            "a participant's page, first view (its suggestions ranked then), max of 9",
            "≤ 200 ms",
            ms(cold),
            f"hello GET p95 {ms(base)}",
            ratio(cold, base),
            cold <= 0.200,
        )
    )
    rows.append(
        Row(
            NAME,
            f"the first participant page after a change: matchmaker rebuilt for {participants}",
            "-",
            ms(build),
            f"hello GET p95 {ms(base)}",
            ratio(build, base),
            None,
        )
    )
    return rows
