"""The kiosk's web app: every room's blueprint bound to one :class:`kiosk.service.Kiosk`."""

from __future__ import annotations

from flask import Flask

from kiosk.service import Kiosk


def create_app(kiosk: Kiosk, config: dict | None = None) -> Flask:
    from kiosk import lock
    from kiosk.catalogue.views import catalogue_pages, shared_templates
    from kiosk.checkin.api import checkin_api
    from kiosk.checkin.views import checkin_pages
    from kiosk.deals.api import api
    from kiosk.deals.views import views
    from kiosk.lock.views import lock_pages
    from kiosk.openapi import OPENAPI
    from kiosk.pairing.views import install as install_pairing
    from kiosk.status import status
    from shared import web
    from shared.web.csrf import load_or_create_secret

    app = Flask("kiosk")
    app.config.update(MAX_CONTENT_LENGTH=256 * 1024, **(config or {}))
    app.extensions["kiosk"] = kiosk
    web.install(
        app,
        OPENAPI,
        secret=load_or_create_secret(kiosk.data_dir),
        cookie_name=f"bors-kiosk-{str(kiosk.device_id)[:8]}",
        read_lock=kiosk.evening.lock,
    )
    lock.install(app, app.config.get("LOCK_IDLE_SECONDS"))
    install_pairing(app)
    from kiosk.privacy.views import notice_words, privacy_pages

    blueprints = (lock_pages, views, api, status, checkin_api, checkin_pages)
    blueprints += (catalogue_pages, shared_templates)
    for blueprint in (*blueprints, privacy_pages, notice_words):
        app.register_blueprint(blueprint)
    return app
