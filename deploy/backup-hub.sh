#!/usr/bin/env bash
# Back up the hub's data folder while the hub runs: a consistent copy of every SQLite database
# (SQLite's online backup, so a write in progress is either in the copy or not, never half)
# plus the small files beside them (the hub's id and key, the organiser's password hash, the
# session secret). Restore = stop the hub, put the copy in place of the folder, start the hub.
#
#   deploy/backup-hub.sh /var/lib/frivilligbors/hub /media/usb/frivilligbors-backups
#
# Each run makes a new folder named by the time, e.g. hub-2026-11-26T18-50-00, mode 0700:
# it holds contact details (sealed) *and* their keys (contacts.sqlite), so treat it like the
# laptop itself. Run it before the evening, at the closing gong, and after the exports.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 HUB_DATA_DIR BACKUP_PARENT_DIR" >&2
  exit 2
fi
SOURCE="$1"
PARENT="$2"
PYTHON="${PYTHON:-$(command -v python3)}"

if [[ ! -f "$SOURCE/hub.sqlite" ]]; then
  echo "backup-hub: $SOURCE holds no hub.sqlite; is it a hub's data folder?" >&2
  exit 1
fi
umask 077
TARGET="$PARENT/hub-$(date +%Y-%m-%dT%H-%M-%S)"
mkdir -p "$PARENT"
mkdir "$TARGET"

"$PYTHON" - "$SOURCE" "$TARGET" <<'PY'
import shutil
import sqlite3
import sys
from pathlib import Path

source, target = Path(sys.argv[1]), Path(sys.argv[2])
for path in sorted(source.iterdir()):
    if not path.is_file() or path.name.endswith(("-wal", "-shm", "-journal", ".tmp")):
        continue
    if path.suffix == ".sqlite":
        src = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
        dst = sqlite3.connect(target / path.name)
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            dst.close()
            src.close()
        if ok != "ok":
            sys.exit(f"backup-hub: the copy of {path.name} fails its integrity check: {ok}")
    else:
        shutil.copy2(path, target / path.name)
    print(f"  {path.name}")
PY
echo "backup-hub: $TARGET"
