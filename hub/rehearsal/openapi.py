"""The rehearsal's part of the hub's OpenAPI document (merged in :mod:`hub.openapi`)."""

from __future__ import annotations

from shared.web.openapi import error_responses, json_content

_ORGANISER = (401, 403)

REHEARSAL_PATHS = {
    "/api/rehearsal": {
        "get": {
            "summary": "The rehearsal: the practice running, the one to wipe, what it holds",
            "responses": {
                "200": {
                    "description": "the rehearsal's state (hub.rehearsal.summary)",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["running", "to_wipe", "deals", "walk_ins", "wiped"],
                            "properties": {
                                "running": {"type": ["string", "null"]},
                                "to_wipe": {"type": ["string", "null"]},
                                "deals": {"type": "integer"},
                                "walk_ins": {"type": "integer"},
                                "wiped": {"type": "integer"},
                                "hour_opened": {"type": "boolean"},
                            },
                        }
                    ),
                },
                **error_responses(*_ORGANISER),
            },
        }
    },
}
