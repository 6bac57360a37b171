"""The organiser's register: one blueprint for the list (:mod:`hub.participants.views`) and
one participant's page (:mod:`hub.participants.detail`), the import of the actor sheet
(:mod:`hub.imports.views`); importing this brings them all. Every
page here needs the organiser's login (the default of :mod:`hub.auth.access`)."""

from __future__ import annotations

from flask import Blueprint

participants = Blueprint("hub_participants", __name__, template_folder="templates")

from hub.imports import views as import_views  # noqa: E402, F401 - its routes join too
from hub.participants import detail, views  # noqa: E402, F401 - their routes join the blueprint
