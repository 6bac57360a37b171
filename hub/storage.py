"""A hub that cannot write its databases says so: ``503 storage_unavailable``, never a 500.

A full disk or a database held by another program (a backup tool, a second hub started by
mistake) is not a bug in a request: the client should keep what it has and try again later.
Sync answers carry the stable code (kiosks keep their queue); pages show a calm error.
"""

from __future__ import annotations

import logging
import sqlite3

from eventsourcing.persistence import OperationalError
from flask import Flask, render_template, request

from hub.service import StorageUnavailable
from shared.web import _, api_error_response

log = logging.getLogger(__name__)

STORAGE_FAULTS = (StorageUnavailable, sqlite3.OperationalError, OperationalError)


def _unavailable(error: Exception):
    log.error("storage unavailable on %s %s: %s", request.method, request.path, error)
    if request.path.startswith("/api/"):
        return api_error_response(
            "storage_unavailable", "the hub cannot write its database; try again later", 503
        )
    return render_template("common/error.html", message=_("error.page_text")), 503


def install(app: Flask) -> None:
    for fault in STORAGE_FAULTS:
        app.register_error_handler(fault, _unavailable)
