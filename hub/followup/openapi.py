"""The follow-up's and the report's HTTP interfaces, as :mod:`hub.openapi` lists them
(organiser only)."""

from __future__ import annotations

from shared.followup.rules import STATUSES
from shared.web.openapi import error_responses, json_content

_ORGANISER = (401, 403)
_DATE = {"type": "string", "format": "date", "nullable": True}

_ROW = {
    "type": "object",
    "required": ["id", "number", "parties", "status", "last_contact", "next_contact"],
    "properties": {
        "id": {"type": "string", "format": "uuid"},
        "number": {"type": "string"},
        "parties": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "participant_id": {"type": "string"},
                    "name": {"type": "string"},
                    "sector": {"type": "string"},
                    "gives": {"type": "string"},
                },
            },
        },
        "category": {"type": "string"},
        "kind": {"type": "string"},
        "deadline": {"type": "string", "format": "date"},
        "status": {"type": "string", "enum": list(STATUSES)},
        "reason": {"type": "string"},
        "last_contact": _DATE,
        "next_contact": {**_DATE, "description": "the organiser's date, or the deadline"},
        "next_is_deadline": {"type": "boolean"},
        "overdue": {"type": "boolean"},
        "due_this_week": {"type": "boolean"},
        "flagged": {"type": "boolean", "description": "the deadline passed, not settled"},
        "notes": {"type": "string"},
        "asked_on": _DATE,
        "answers": {"type": "array", "items": {"type": "object"}},
        "held": {"type": "integer", "description": "workbook changes waiting beside it"},
        "story": {"type": "string"},
        "revision": {"type": "integer"},
    },
}

_MAIL_ROUND = {
    "type": "object",
    "properties": {
        "queued": {"type": "integer", "description": "emails queued by this call"},
        "already": {"type": "integer", "description": "queued by an earlier call"},
        "deals": {"type": "integer", "description": "participants with deals"},
        "thanks": {"type": "integer", "description": "participants with none (a thank-you)"},
        "no_address": {"type": "array", "items": {"type": "string"}},
    },
}

REPORT_PATHS = {
    "/api/report": {
        "get": {
            "summary": "The evening's report: participants, deals, the hour, follow-up, records",
            "parameters": [{"name": "evening", "in": "query", "schema": {"type": "string"}}],
            "responses": {
                "200": {
                    "description": "the figures (the same as /report and /report.pdf)",
                    **json_content(
                        {
                            "type": "object",
                            "required": ["evening", "participants", "deals", "timeline"],
                            "properties": {
                                k: {"type": "object"}
                                for k in (
                                    "evening",
                                    "participants",
                                    "deals",
                                    "timeline",
                                    "followup",
                                    "comparison",
                                )
                            }
                            | {
                                k: {"type": "array", "items": {"type": "object"}}
                                for k in ("by_device", "by_broker", "without_deal")
                            },
                        }
                    ),
                },
                **error_responses(*_ORGANISER, 404),
            },
        }
    },
}

FOLLOWUP_PATHS = {
    "/api/followup": {
        "get": {
            "summary": "Every deal with its follow-up status, last and next contact (organiser)",
            "parameters": [
                {"name": n, "in": "query", "schema": {"type": "string"}}
                for n in ("view", "status", "sector")
            ],
            "responses": {
                "200": {
                    "description": "the board",
                    **json_content(
                        {
                            "type": "object",
                            "properties": {
                                "today": {"type": "string", "format": "date"},
                                "asking": {"type": "boolean"},
                                "counts": {"type": "object"},
                                "deals": {"type": "array", "items": _ROW},
                            },
                        }
                    ),
                },
                **error_responses(*_ORGANISER),
            },
        }
    },
    "/api/mail/after-evening": {
        "post": {
            "summary": "Queue every participant's email after the evening, once (organiser)",
            "responses": {
                "200": {"description": "what was queued", **json_content(_MAIL_ROUND)},
                **error_responses(400, *_ORGANISER, 409, 422, 503),
            },
        }
    },
}
