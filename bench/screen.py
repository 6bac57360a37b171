"""Live screen: ``viewers`` phones and screens watching the count while kiosks push deals.

A bounded asyncio client on loopback opens one keep-alive connection per viewer. Five in six
behave like the stage page (load ``/screen``, then poll ``/screen/live?v=KEY`` every 500 ms,
which answers 204 while nothing changed): their update delay is what the 1 s target is about.
The rest are guests' phones on the public count page (``/count.json`` revalidated with its
ETag every 4 s, as the page does; ``/api/stats`` every 500 ms on a hub without that page): their
delay is shown apart, since the page's refresh period sets it.
Meanwhile a writer thread pushes one deal at a time (sealed) from 10 paired fake kiosks at
``rate`` deals/s.
Measured: every answer's latency, and each viewer's update delay (from the moment the deal was
sent to the hub until that viewer first showed a count including it). Baseline: the same
polling load against a hello-world waitress in the same run.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import threading
import time
from pathlib import Path

from bench.common import (
    Client,
    FakeKiosk,
    Row,
    fake_device_events,
    memory_mb,
    ms,
    percentile,
    ratio,
    say,
    seed_hub,
    start_hello,
    stop,
)

NAME = "screen"
POLL_SECONDS = 0.5  # what the stage page's hx-trigger asks for
TIMEOUT = 10.0

# The board's count and key (and the markup of the first screen, before the redesign).
COUNT = re.compile(rb'data-count="(\d+)"|data-testid="screen-count"[^>]*>\s*(\d+)')
VERSION = re.compile(rb'data-key="([^"]+)"|data-version="(\d+)"')
PHONE_SECONDS = 4.0  # the public count page's refresh (hub/static/screen-pages.js)


class Writer(threading.Thread):
    """Pushes deals one by one from several fake kiosks at a steady rate; notes when each went."""

    def __init__(self, hub, work: Path, participants: list[str], rate: float, seconds: float):
        super().__init__(daemon=True)
        self.port, self.rate, self.seconds = hub.port, rate, seconds
        deals = int(rate * seconds) + 10
        self.devices = [
            FakeKiosk(hub.data, hub.url, work, fake_device_events(participants, deals // 10 + 1))
            for _ in range(10)
        ]
        self.sent: dict[int, float] = {}  # hub count reached by this push -> time it was sent
        self.count0 = 0
        self.stop_at = 0.0
        self.error: str | None = None

    def run(self) -> None:
        try:
            self._write()
        except OSError as error:  # the hub went away: report it, never leak it
            self.error = f"{type(error).__name__}: {error}"

    def _write(self) -> None:
        client = Client(self.port)
        cursor = [0] * len(self.devices)
        n = self.count0
        start = time.perf_counter()
        self.stop_at = start + self.seconds
        i = 0
        while time.perf_counter() < self.stop_at:
            d = i % len(self.devices)
            fake = self.devices[d]
            # A device's first push carries its Opened event with its first deal.
            take = 2 if cursor[d] == 0 else 1
            counter, body = fake.seal(fake.events[cursor[d] : cursor[d] + take])
            cursor[d] += take
            n += 1
            self.sent[n] = time.perf_counter()
            status, answer = fake.push(client, counter, body)
            if status != 200:
                self.error = f"{status} {answer!r:.200}"
                break
            i += 1
            pause = start + i / self.rate - time.perf_counter()
            if pause > 0:
                time.sleep(pause)
        client.close()


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, dict, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        key, _, value = line.partition(b":")
        headers[key.strip().lower()] = value.strip()
    if status in (204, 304):
        return status, headers, b""
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = b""
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            chunk = await reader.readexactly(size + 2)
            if size == 0:
                return status, headers, body
            body += chunk[:-2]
    length = int(headers.get(b"content-length", b"0"))
    return status, headers, await reader.readexactly(length)


class Viewer:
    def __init__(self, port: int, kind: str, writer: Writer | None, stats: dict):
        self.port, self.kind, self.writer, self.stats = port, kind, writer, stats
        self.conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        self.seen = -1
        self.version = ""
        self.etag = ""

    async def get(self, path: str) -> tuple[int, bytes]:
        extra = f"If-None-Match: {self.etag}\r\n" if self.etag else ""
        for attempt in (1, 2):
            try:
                if self.conn is None:
                    self.conn = await asyncio.open_connection("127.0.0.1", self.port)
                reader, writer = self.conn
                request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{extra}\r\n"
                writer.write(request.encode())
                await writer.drain()
                status, headers, body = await asyncio.wait_for(_read_answer(reader), TIMEOUT)
                if b"etag" in headers:
                    self.etag = headers[b"etag"].decode()
                return status, body
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn[1].close()
            self.conn = None

    def observe(self, count: int) -> None:
        now = time.perf_counter()
        delays = self.stats["delays" if self.kind == "screen" else "phone_delays"]
        if self.writer is not None and count > self.seen >= 0:
            for k in range(self.seen + 1, count + 1):
                sent = self.writer.sent.get(k)
                if sent is not None:
                    delays.append(now - sent)
        self.seen = max(self.seen, count)

    async def timed(self, path: str, bucket: str) -> tuple[int, bytes] | None:
        t0 = time.perf_counter()
        try:
            status, body = await self.get(path)
        except Exception:
            self.stats["errors"] += 1
            return None
        self.stats[bucket].append(time.perf_counter() - t0)
        if status >= 400:
            self.stats["errors"] += 1
        return status, body

    def parse(self, body: bytes) -> None:
        if self.kind != "screen":
            self.observe(int(json.loads(body)["deals"]))
            return
        count, version = COUNT.search(body), VERSION.search(body)
        if count is None or version is None:
            self.stats["unparsed"] += 1
            return
        self.version = (version.group(1) or version.group(2)).decode()
        self.observe(int(count.group(1) or count.group(2)))

    async def run(self, until: float) -> None:
        await asyncio.sleep(random.random() * POLL_SECONDS)
        if self.kind == "screen":
            answer = await self.timed("/screen", "page")
            if answer and answer[0] == 200:
                self.parse(answer[1])
        paths = {
            "screen": None,
            "phone": ("/count.json", PHONE_SECONDS),
            "api": ("/api/stats", POLL_SECONDS),
        }
        while time.perf_counter() < until:
            path, pause = paths[self.kind] or (f"/screen/live?v={self.version}", POLL_SECONDS)
            answer = await self.timed(path, "poll")
            if answer and answer[0] == 200:
                self.parse(answer[1])
            await asyncio.sleep(pause)
        self.close()


async def _watch(
    port: int, viewers: int, seconds: float, writer: Writer | None, phone: str = "phone"
) -> dict:
    stats: dict = {
        "page": [],
        "poll": [],
        "delays": [],
        "phone_delays": [],
        "errors": 0,
        "unparsed": 0,
    }
    until = time.perf_counter() + seconds
    crowd = [Viewer(port, phone if i % 6 == 5 else "screen", writer, stats) for i in range(viewers)]
    await asyncio.gather(*(v.run(until) for v in crowd))
    return stats


def _run_async(coroutine):
    """Run the viewers' event loop in a thread of its own.

    The caller's thread may already run an event loop (Playwright's sync API does, when the
    smoke test shares a pytest process with the browser tests), and asyncio.run refuses that.
    """
    result: dict = {}

    def target() -> None:
        try:
            result["value"] = asyncio.run(coroutine)
        except BaseException as error:  # handed back to the caller below
            result["error"] = error

    thread = threading.Thread(target=target, name="bench-viewers")
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result["value"]


def run(
    work: Path, programs, viewers: int = 300, seconds: float = 20.0, rate: float = 20.0
) -> list[Row]:
    participants = seed_hub(work / "hub")
    hub = programs.hub(work / "hub")
    probe = Client(hub.port)
    phone = "phone" if probe.request("GET", "/count.json")[0] == 200 else "api"
    probe.close()
    writer = Writer(hub, work, participants, rate, seconds + 1.0)
    writer.start()
    try:
        stats = _run_async(_watch(hub.port, viewers, seconds, writer, phone))
    finally:
        writer.join(timeout=seconds + 30)
    rss, hwm = memory_mb(hub.process.pid)
    if writer.error:
        raise RuntimeError(f"the writer's push was refused: {writer.error}")

    hello, port = start_hello(work)
    base = _run_async(_watch(port, viewers, min(seconds, 5.0), None, "api"))
    stop(hello)

    answers = stats["page"] + stats["poll"]
    p95 = percentile(answers, 95)
    page95 = percentile(stats["page"], 95)
    delay95 = percentile(stats["delays"], 95)
    base95 = percentile(base["poll"], 95)
    base_page95 = percentile(base["page"], 95)
    say(
        f"[{NAME}] {viewers} viewers {seconds:.0f} s, {len(writer.sent)} deals pushed: answers "
        f"p50 {ms(percentile(answers, 50))} p95 {ms(p95)} (pages p95 {ms(page95)}, "
        f"{len(answers)} answers, {stats['errors']} errors, {stats['unparsed']} unparsed); "
        f"update delay p50 {ms(percentile(stats['delays'], 50))} p95 {ms(delay95)} "
        f"({len(stats['delays'])} updates seen); phones ({phone}) delay p95 "
        f"{ms(percentile(stats['phone_delays'], 95))}; hello-world same load p95 {ms(base95)}; "
        f"hub RSS {rss:.0f} MB (peak {hwm:.0f})"
    )
    screens = viewers - viewers // 6
    enough = len(stats["delays"]) >= len(writer.sent) * screens * 0.5  # each saw most deals
    phones = (
        f"phones every {PHONE_SECONDS:.0f} s: {ms(percentile(stats['phone_delays'], 95))}"
        if stats["phone_delays"]
        else "no phone update in the window"
    )
    return [
        Row(
            NAME,
            f"{viewers} viewers while {rate:.0f} deals/s arrive: screens' update delay p95",
            "≤ 1 s",
            f"{ms(delay95)} ({phones})",
            f"poll period {POLL_SECONDS * 1000:.0f} ms",
            ratio(delay95, POLL_SECONDS),
            delay95 <= 1.0 and enough and stats["errors"] == 0,
        ),
        Row(
            NAME,
            f"page and API answers p95 ({len(answers)} answers, {stats['errors']} errors)",
            "≤ 200 ms",
            f"{ms(p95)} (pages {ms(page95)})",
            f"hello-world same load p95 {ms(base95)} (pages {ms(base_page95)})",
            ratio(p95, base95),
            p95 <= 0.2 and page95 <= 0.2 and stats["errors"] == 0,
        ),
        Row(
            NAME,
            "hub RSS under the screen load (peak)",
            "≤ 150 MB",
            f"{rss:.0f} MB ({hwm:.0f})",
            "",
            "",
            hwm <= 150,
        ),
    ]
