"""LibreOffice, headless: what an organiser's spreadsheet program makes of an export."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice")
# Comma, double quotes, UTF-8, from line 1, cells as shown (a date in its own format), and with
# every_sheet each sheet to a file of its own ("<name>-<sheet>.csv").
_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"


def to_csv(workbook: Path, out: Path, every_sheet: bool = False) -> dict[str, Path]:
    """Convert ``workbook`` as LibreOffice opens it; the CSV files made, by file name."""
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(out.parent / 'lo-profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            _CSV + (",-1" if every_sheet else ""),
            "--outdir",
            str(out),
            str(workbook),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {p.name: p for p in out.glob("*.csv")}
