"""The benchmarks still run: each one at a tiny size produces its figures and its report rows.

Timing targets are not asserted here (a shared CI machine cannot promise them); they are
measured by ``make bench`` and written down in docs/performance.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.__main__ import BENCHMARKS, main


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BENCHMARKS))
def test_each_benchmark_runs_at_a_tiny_size_and_reports_its_figures(
    name: str, tmp_path: Path, capsys
):
    assert main(["--quick", "--only", name, "--out", str(tmp_path)]) == 0

    printed = capsys.readouterr().out
    assert f"[{name}]" in printed  # the benchmark printed its figures
    report = (tmp_path / "report.md").read_text()
    rows = [line for line in report.splitlines() if line.startswith(f"| {name} |")]
    assert rows, report
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        _bench, what, target, measured, _baseline, _ratio, verdict = cells
        assert what and target and measured, row
        assert "nan" not in measured, row
        assert verdict in ("met", "MISSED", "-"), row
