"""What every kiosk view needs: the kiosk this app serves."""

from __future__ import annotations

from flask import current_app

from kiosk.service import Kiosk


def current_kiosk() -> Kiosk:
    return current_app.extensions["kiosk"]
