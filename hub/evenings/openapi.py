"""The evenings' API (hub/evenings/views.py), merged into the hub's document (hub/openapi.py)
with the report's paths: ``/api/report?evening=<id>`` opens what ``/api/evenings`` lists.
(hub/openapi.py takes the follow-up's and the report's paths from here, in the one import line
it had for them: that module is at the length every product module must stay within.)"""

from hub.followup.openapi import FOLLOWUP_PATHS
from hub.followup.openapi import REPORT_PATHS as _REPORT_ALONE
from shared.web.openapi import error_responses, json_content

__all__ = ["EVENINGS_PATHS", "FOLLOWUP_PATHS", "REPORT_PATHS"]

_EVENING = {
    "type": "object",
    "required": ["id", "name", "date", "closed_at", "deals", "participants", "digest"],
    "properties": {
        "id": {"type": "string", "description": "the archive's id: /report?evening=<id>"},
        "name": {"type": "string"},
        "date": {"type": "string"},
        "closed_at": {"type": "string", "format": "date-time"},
        "deals": {"type": "integer"},
        "participants": {"type": "integer"},
        "events": {"type": "integer"},
        "digest": {"type": "string", "description": "SHA-256 of the archived store"},
    },
}

EVENINGS_PATHS = {
    "/api/evenings": {
        "get": {
            "summary": "The current evening's plan and every evening closed on this hub",
            "responses": {
                "200": {
                    "description": "newest closed evening first",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["current", "archived"],
                            "properties": {
                                "current": {"type": "object"},
                                "archived": {"type": "array", "items": _EVENING},
                            },
                        }
                    ),
                },
                **error_responses(401, 403),
            },
        }
    },
}

REPORT_PATHS = {**_REPORT_ALONE, **EVENINGS_PATHS}
