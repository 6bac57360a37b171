"""What every hub view needs: the hub this app serves, and how a form's errors are shown."""

from __future__ import annotations

from flask import current_app

from hub.service import Hub
from shared.core.checks import ValidationFailed
from shared.web import _


def current_hub() -> Hub:
    return current_app.extensions["hub"]


def form_errors(failed: ValidationFailed) -> dict[str, str]:
    """One message per wrong field, in the organiser's language."""
    return {f: _(f"error.{code}") for f, code in failed.codes().items()}
