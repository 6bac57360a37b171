"""The spare hub (issue 17 item 3): ``bors hub recover --data DIR --backup FILE``.

* :mod:`hub.recovery.epoch`: which log the tablets mirror. A restored log is a new one: its
  positions need not be those a tablet pulled from the hub that died, so the pull answer names
  the log, and a tablet that sees a new name mirrors it from the start (skipping what it holds)
  and relays what only it may still hold (kiosk.sync);
* :mod:`hub.recovery.command`: restore the last backup (settings, devices and their keys, the
  contact vault and its keys, the hub's identity), then serve as that same hub, printing what
  comes back as the tablets arrive.
"""
