#!/usr/bin/env bash
# Open the kiosk page full screen on a Linux tablet, and keep it open.
#
# Run it from the tablet user's desktop session (autostart), after frivilligbors-kiosk.service:
#   ~/.config/autostart/frivilligbors.desktop  ->  Exec=/opt/frivilligbors/deploy/kiosk-browser.sh
#
# Chromium in --kiosk mode: no address bar, no tabs, no way to wander off the page. A private
# profile in the user's cache keeps the session (the broker's name, the language) across
# restarts of the browser but nothing else. If the browser is closed or crashes, it comes back.
set -euo pipefail

URL="${FRIVILLIGBORS_URL:-http://127.0.0.1:8500/}"
PROFILE="${FRIVILLIGBORS_PROFILE:-${XDG_CACHE_HOME:-$HOME/.cache}/frivilligbors-browser}"
BROWSER="${FRIVILLIGBORS_BROWSER:-$(command -v chromium || command -v chromium-browser || true)}"

if [[ -z "$BROWSER" ]]; then
  echo "kiosk-browser: Chromium is not installed (sudo apt-get install chromium)" >&2
  exit 1
fi
mkdir -p "$PROFILE"

# Wait for the kiosk service: the browser should never show a connection error at start.
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "${URL%/}/api/status"; then break; fi
  sleep 1
done

while true; do
  # --kiosk: full screen, no UI. --noerrdialogs/--disable-session-crashed-bubble: no
  # "restore pages?" after a power cut. --overscroll-history-navigation=0: a swipe does not
  # go "back". --check-for-update-interval: no update nags on the venue's network.
  "$BROWSER" \
    --kiosk "$URL" \
    --user-data-dir="$PROFILE" \
    --no-first-run \
    --noerrdialogs \
    --disable-session-crashed-bubble \
    --disable-infobars \
    --disable-translate \
    --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
    --overscroll-history-navigation=0 \
    --check-for-update-interval=31536000 \
    --lang=nb \
    --touch-events=enabled \
    || true
  sleep 2
done
