"""The kiosk: the broker's tablet app. Works with no network; syncs with the hub when it can.

One folder per room (``deals``, ``pairing``, ``lock``), each with its views and templates;
``service`` holds the tablet's use cases, ``sync`` and ``hub_client`` talk to the hub, ``app``
binds the rooms into one web app.
"""

from __future__ import annotations

from kiosk.app import create_app

__all__ = ["create_app"]
