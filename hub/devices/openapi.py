"""The device board's and the periodic backup's part of the hub's OpenAPI document (merged in
:mod:`hub.openapi`)."""

from __future__ import annotations

from shared.web.openapi import error_responses, json_content

_ORGANISER = (401, 403)  # login_required; admin_local_only

DEVICE_PATHS = {
    "/api/devices": {
        "get": {
            "summary": (
                "The device board: each tablet's last contact and what it told (organiser)"
            ),
            "responses": {
                "200": {
                    "description": "one row per paired device",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "devices": {"type": "array", "items": {"type": "object"}}
                            },
                        }
                    ),
                },
                **error_responses(*_ORGANISER),
            },
        }
    },
    "/api/backups": {
        "get": {
            "summary": "When the last periodic backup was taken and where (organiser)",
            "responses": {
                "200": {
                    "description": "the backup's last word; null without --backup-to",
                    **json_content(
                        {
                            "type": ["object", "null"],
                            "properties": {
                                "target": {"type": "string"},
                                "every_minutes": {"type": "number"},
                                "last_at": {"type": ["string", "null"]},
                                "last_file": {"type": ["string", "null"]},
                                "last_size": {"type": ["integer", "null"]},
                                "kept": {"type": "integer"},
                                "error": {"type": ["string", "null"]},
                            },
                        }
                    ),
                },
                **error_responses(*_ORGANISER),
            },
        }
    },
}
