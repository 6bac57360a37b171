"""The mail room's URLs (the handlers are in views, setup_views, letter_views, round_views)."""

from __future__ import annotations

from flask import Blueprint

from hub.mail import letter_views, round_views, setup_views, views

mail = Blueprint(
    "hub_mail",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/mail/static",
)

RULES = (
    ("/mail", views.send_log, ("GET",)),
    ("/mail/log/<email_id>", views.email_detail, ("GET",)),
    ("/mail/log/<email_id>/resend", views.resend, ("POST",)),
    ("/mail/settings", setup_views.settings_page, ("GET", "POST")),
    ("/mail/settings/test", setup_views.send_test, ("POST",)),
    ("/mail/settings/test/<email_id>", setup_views.test_status, ("GET",)),
    ("/mail/templates", letter_views.letter_list, ("GET",)),
    ("/mail/templates/<key>/<lang>", letter_views.editor, ("GET", "POST")),
    ("/mail/templates/<key>/<lang>/preview", letter_views.preview, ("POST",)),
    ("/mail/templates/<key>/<lang>/reset", letter_views.reset, ("POST",)),
    ("/mail/invitations", round_views.invitations, ("GET", "POST")),
    ("/mail/optouts", round_views.optouts, ("POST",)),
    ("/mail/reminder", round_views.reminder, ("GET", "POST")),
    ("/mail/reminder/send", round_views.send_reminder_now, ("POST",)),
    ("/mail/unsubscribe/<tag>", views.unsubscribe, ("GET", "POST")),
    ("/api/outbox", views.outbox_api, ("GET",)),
)

for rule, handler, methods in RULES:
    mail.add_url_rule(rule, handler.__name__, handler, methods=list(methods))
