"""The catalogue's URLs: the public pages (:mod:`hub.catalogue.views`), the public API
(:mod:`hub.catalogue.api`), the organiser's page and printouts (:mod:`hub.catalogue.organiser`).

The templates the kiosk shows too (search form, results, a participant's page) live with the
catalogue's rules in ``shared/catalogue/templates``, so both apps render the same catalogue.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint

import shared.catalogue

SHARED = Path(shared.catalogue.__file__).parent

catalogue = Blueprint("hub_catalogue", __name__, template_folder="templates")
shared_templates = Blueprint(
    "catalogue_templates", __name__, template_folder=str(SHARED / "templates")
)

from hub.catalogue import api, organiser, views  # noqa: E402, F401 - their routes join the blueprint
