"""The hub's web app: every room's blueprint bound to one :class:`hub.service.Hub`."""

from __future__ import annotations

from flask import Flask

from hub.service import Hub

# Sync takes the evening's lock itself, only while it folds: a request-long hold would make
# every page wait while a batch of 500 events is checked.
UNLOCKED_BLUEPRINTS = frozenset({"hub_sync"})


def create_app(hub: Hub, config: dict | None = None) -> Flask:
    from hub import online, storage
    from hub.auth import access
    from hub.auth.views import auth
    from hub.catalogue.blueprint import catalogue, shared_templates
    from hub.checkin import contacts as door_contacts
    from hub.checkin.views import arrivals
    from hub.conflicts.views import conflicts
    from hub.deals.api import api
    from hub.deals.views import deals
    from hub.devices import registry
    from hub.devices.api import pair_api
    from hub.devices.views import devices
    from hub.evenings.views import evenings
    from hub.followup import install as install_followup
    from hub.followup.blueprint import followup
    from hub.mail import install as install_mail
    from hub.mail.blueprint import mail
    from hub.openapi import OPENAPI
    from hub.participants.blueprint import participants
    from hub.privacy.views import notice_words, privacy
    from hub.privacy.watch import RetentionWatch
    from hub.rehearsal import install as install_rehearsal
    from hub.rehearsal.views import rehearsal
    from hub.reports.views import reports
    from hub.schedule.views import schedule
    from hub.signup import spam
    from hub.signup.blueprint import signup
    from hub.stage.screen import screen
    from hub.stage.views import stage
    from hub.sync.api import sync_api
    from shared import web
    from shared.web.csrf import load_or_create_secret

    app = Flask("hub")
    app.config.update(MAX_CONTENT_LENGTH=4 * 1024 * 1024, **(config or {}))
    app.extensions["hub"] = hub
    web.install(
        app,
        OPENAPI,
        secret=load_or_create_secret(hub.data_dir),
        cookie_name=f"bors-hub-{str(hub.device_id)[:8]}",
        read_lock=hub.evening.lock,
        unlocked_blueprints=UNLOCKED_BLUEPRINTS,
    )
    access.install(app, allow_remote_admin=app.config.get("ALLOW_REMOTE_ADMIN", False))
    online.install(app)  # behind an HTTPS proxy: its headers, secure cookies, one host name
    registry.install(app, hub)
    storage.install(app)
    spam.install(app)
    app.extensions["privacy"] = RetentionWatch(hub)  # started by `bors hub`
    door_contacts.install(hub)
    install_rehearsal(hub)
    install_mail(app, hub)
    install_followup(app)
    for blueprint in (
        auth,
        deals,
        api,
        participants,
        schedule,
        conflicts,
        stage,
        screen,
        devices,
        pair_api,
        sync_api,
        signup,
        arrivals,
        followup,
        reports,
        evenings,
        catalogue,
        shared_templates,
        mail,
        privacy,
        notice_words,
        rehearsal,
    ):
        app.register_blueprint(blueprint)
    return app
