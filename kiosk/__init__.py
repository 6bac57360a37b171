"""The kiosk: the broker's tablet app. Works with no network; syncs with the hub when it can."""

from __future__ import annotations

from flask import Flask

from kiosk.service import Kiosk


def create_app(kiosk: Kiosk, config: dict | None = None) -> Flask:
    from kiosk import lock, pairing
    from kiosk.api import api
    from kiosk.openapi import OPENAPI
    from kiosk.views import views
    from shared import web
    from shared.web.csrf import load_or_create_secret

    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=256 * 1024, **(config or {}))
    app.extensions["kiosk"] = kiosk
    web.install(
        app,
        OPENAPI,
        secret=load_or_create_secret(kiosk.data_dir),
        cookie_name=f"bors-kiosk-{str(kiosk.device_id)[:8]}",
    )
    lock.install(app, app.config.get("LOCK_IDLE_SECONDS"))
    pairing.install(app)
    app.register_blueprint(views)
    app.register_blueprint(api)
    return app
