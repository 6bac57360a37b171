"""``python -m bench [--quick] [--only NAME ...]``: run the benchmarks, write the report."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from bench import (
    badges,
    catalogue,
    catchup,
    checkin,
    e2e,
    evenings,
    followup,
    growth,
    ingest,
    kiosk_save,
    mail,
    recovery,
    rehearsal,
    restart,
    screen,
    signup,
)
from bench import report as evening_report  # not to be taken for report() below
from bench.common import ROOT, Row, machine, say

BENCHMARKS = {
    kiosk_save.NAME: (kiosk_save.run, {}, {"saves": 40, "api_saves": 10}),
    e2e.NAME: (e2e.run, {}, {"deals": 10}),
    catchup.NAME: (catchup.run, {}, {"queued": 50, "away": 1.5}),
    ingest.NAME: (ingest.run, {}, {"kiosks": 3, "per_kiosk": 200, "batch": 100}),
    screen.NAME: (screen.run, {}, {"viewers": 12, "seconds": 2.0}),
    restart.NAME: (restart.run, {}, {"events": 2000}),
    growth.NAME: (growth.run, {}, {"sizes": (200, 1000), "ops": 20}),
    mail.NAME: (mail.run, {}, {"emails": 50, "idle_seconds": 1.0}),
    signup.NAME: (signup.run, {}, {"people": 5}),
    catalogue.NAME: (catalogue.run, {}, {"participants": 200, "rounds": 3}),
    followup.NAME: (followup.run, {}, {"participants": 60, "deals": 100, "rounds": 5}),
    evening_report.NAME: (evening_report.run, {}, {"participants": 60, "deals": 100, "rounds": 2}),
    evenings.NAME: (evenings.run, {}, {"participants": 60, "deals": 100, "rounds": 2}),
    checkin.NAME: (checkin.run, {}, {"taps": 80}),
    badges.NAME: (badges.run, {}, {"participants": 30}),
    recovery.NAME: (recovery.run, {}, {"tablets": 3, "per_tablet": 10, "dead": 1}),
    rehearsal.NAME: (rehearsal.run, {}, {"deals": 300, "runs": 2}),
}


def report(rows: list[Row], info: dict, quick: bool, elapsed: float, failed: list[str]) -> str:
    lines = [
        "# Benchmark report",
        "",
        f"{dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} · {info['nproc']} cores "
        f"({info['cpu']}) · {info['ram_gb']} GB RAM · load {info['load']:.2f} at start · "
        f"Python {info['python']} · {'quick sizes' if quick else 'full sizes'} · "
        f"{elapsed:.0f} s",
        "",
        "| bench | what | target | measured | baseline (same run) | ratio | verdict |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    if failed:
        lines += ["", "Failed to run: " + ", ".join(failed)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: proves they run")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHMARKS), default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "bench")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    sys.path.insert(0, str(ROOT))
    from tests.support.processes import Programs

    args.out.mkdir(parents=True, exist_ok=True)
    info = machine()
    rows: list[Row] = []
    failed: list[str] = []
    started = time.monotonic()
    for name, (run, full, quick) in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        work = Path(tempfile.mkdtemp(prefix=f"bench-{name}-"))
        programs = Programs(work)
        say(f"== {name}")
        t0 = time.monotonic()
        try:
            rows += run(work, programs, **(quick if args.quick else full))
        except Exception:
            traceback.print_exc()
            failed.append(name)
        finally:
            programs.stop_all()
            say(f"== {name} took {time.monotonic() - t0:.1f} s")
            if args.keep:
                say(f"   work folder kept: {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
    text = report(rows, info, args.quick, time.monotonic() - started, failed)
    (args.out / "report.md").write_text(text)
    say("")
    say(text)
    say(f"written to {args.out / 'report.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
