"""The sign-up's URLs: one blueprint for the public form (:mod:`hub.signup.views`) and the
participant's own pages (:mod:`hub.signup.mine`); importing this module brings both."""

from __future__ import annotations

from flask import Blueprint

signup = Blueprint(
    "hub_signup",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/signup/static",
)

from hub.signup import mine, views  # noqa: E402, F401 - their routes join the blueprint
