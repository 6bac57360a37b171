"""The hub: the organiser's laptop. Ingests every kiosk's journal, serves the evening."""

from __future__ import annotations

from flask import Flask

from hub.service import Hub


def create_app(hub: Hub, config: dict | None = None) -> Flask:
    from hub import auth, pairing, storage
    from hub.api import api
    from hub.conflicts import conflicts
    from hub.openapi import OPENAPI
    from hub.screen import screen
    from hub.stage import stage
    from hub.sync_api import sync_api
    from hub.views import views
    from shared import web
    from shared.web.csrf import load_or_create_secret

    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=4 * 1024 * 1024, **(config or {}))
    app.extensions["hub"] = hub
    web.install(
        app,
        OPENAPI,
        secret=load_or_create_secret(hub.data_dir),
        cookie_name=f"bors-hub-{str(hub.device_id)[:8]}",
    )
    auth.install(app, allow_remote_admin=app.config.get("ALLOW_REMOTE_ADMIN", False))
    pairing.install(app, hub)
    storage.install(app)
    app.register_blueprint(views)
    app.register_blueprint(screen)
    app.register_blueprint(stage)
    app.register_blueprint(api)
    app.register_blueprint(conflicts)
    app.register_blueprint(sync_api)
    return app
