"""The follow-up's blueprint: the board and each deal's page (:mod:`hub.followup.views`), the
workbook (:mod:`hub.followup.workbook_views`), the emails after the evening
(:mod:`hub.followup.mail_views`) and the parties' answers (:mod:`hub.followup.answer_views`,
the one public page here). Importing this brings them all."""

from __future__ import annotations

from flask import Blueprint

followup = Blueprint(
    "hub_followup",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/followup-static",
)

from hub.followup import (  # noqa: E402, F401 - routes and letters join the blueprint
    answer_views,
    letters,
    mail_views,
    views,
    workbook_views,
)
