"""Benchmarks for issue 7: the kiosk stays quick on a cheap tablet, the hub holds the closing rush.

``python -m bench`` (or ``make bench``) runs every benchmark and writes
``artifacts/bench/report.md``. Each benchmark measures a baseline in the same run (a raw
sqlite3 INSERT+COMMIT of the same rows, a hello-world HTTP answer from waitress) and reports its
figures as a ratio against it, so a number taken on a busy shared machine still means something.
All load stays on 127.0.0.1, is bounded in count and time, and stops by itself.
"""
