"""The hub's API, described for clients and for the API fuzzer (tests/test_api_fuzz.py).

Sync travels sealed (:mod:`shared.sync.envelope`): the HTTP body of a push is an envelope
``{device, box}`` whose box holds the push described by ``Push`` below, and every answer is
``{box}`` sealed back to the device, refusals included — except refusals of the envelope itself
(unknown device, broken seal, replay), which travel in clear as an ``Error``.
"""

from hub.catalogue.openapi import CATALOGUE_PATHS
from hub.checkin.openapi import ARRIVALS_PATHS
from hub.devices.openapi import DEVICE_PATHS
from hub.evenings.openapi import FOLLOWUP_PATHS, REPORT_PATHS  # the report's with the evenings'
from hub.rehearsal.openapi import REHEARSAL_PATHS
from shared.web.openapi import document, error_responses, json_content

# The mail room's outbox (issue 13): hub/mail/log.py EmailRow.as_json, hub/mail/views.py.
_MAIL_STATUSES = ("queued", "sending", "sent", "failed", "withheld")
_MAIL_ERROR = {
    "type": "object",
    "nullable": True,
    "properties": {"code": {"type": "string"}, "detail": {"type": "string"}},
}
_OUTBOX = {
    "type": "object",
    "required": ["counts", "latest"],
    "properties": {
        "counts": {
            "type": "object",
            "properties": {s: {"type": "integer"} for s in _MAIL_STATUSES},
        },
        "total": {"type": "integer"},
        "unconfirmed_resends": {
            "type": "integer",
            "description": "emails sent again after a crash cut an SMTP exchange off",
        },
        "configured": {"type": "boolean"},
        "sender": {"type": "object", "properties": {"phase": {"type": "string"}}},
        "latest": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "kind": {"type": "string"},
                    "template": {"type": "string"},
                    "participant_id": {"type": "string", "nullable": True},
                    "status": {"enum": list(_MAIL_STATUSES)},
                    "attempts": {"type": "integer"},
                    "queued_at": {"type": "string"},
                    "last_attempt_at": {"type": "string", "nullable": True},
                    "sent_at": {"type": "string", "nullable": True},
                    "retry_at": {"type": "string", "nullable": True},
                    "error": _MAIL_ERROR,
                    "withheld_reason": {"type": "string", "nullable": True},
                    "message_id": {"type": "string"},
                },
            },
        },
    },
}

_WIRE_EVENT = {
    "type": "object",
    "required": ["origin", "seq", "type", "state"],
    "properties": {
        "origin": {"type": "string", "format": "uuid"},
        "seq": {"type": "integer", "minimum": 1},
        "type": {"type": "string"},
        "state": {"type": "object"},
        "position": {"type": "integer"},
        "min_reader": {"type": "integer", "minimum": 1},
    },
}

_PUSH = {
    "type": "object",
    "description": "what a sealed push holds (inside the envelope's box)",
    "required": ["device", "events"],
    "properties": {
        "device": {"type": "string", "format": "uuid"},
        "events": {"type": "array", "maxItems": 500, "items": _WIRE_EVENT},
    },
}

_ENVELOPE = {
    "type": "object",
    "required": ["device", "box"],
    "properties": {
        "device": {"type": "string", "format": "uuid"},
        "box": {"type": "string", "description": "base64 of the sealed message"},
    },
}

# A sealed answer, or a refusal of the envelope in clear.
_SYNC_ANSWER = {
    "type": "object",
    "properties": {
        "box": {"type": "string"},
        "error": {"type": "string"},
        "message": {"type": "string"},
    },
}

_STATS = {
    "type": "object",
    "required": ["deals", "by_sector_pair", "by_category", "closes_at"],
    "properties": {
        "deals": {"type": "integer"},
        "voided": {"type": "integer"},
        "by_sector_pair": {"type": "object", "additionalProperties": {"type": "integer"}},
        "by_category": {"type": "object", "additionalProperties": {"type": "integer"}},
        "conflicts": {"type": "integer"},
        "participants": {"type": "integer"},
        "arrived": {"type": "integer", "description": "checked in at the door (one per person)"},
        "arrived_by_sector": {"type": "object", "additionalProperties": {"type": "integer"}},
        "closes_at": {"type": "string", "nullable": True},
        "target": {"type": "integer"},
        "now": {"type": "string"},
        "version": {"type": "integer"},
        "value_on_screen": {
            "type": "integer",
            "nullable": True,
            "description": "the social value created, in kroner, as the stage screen shows it "
            "(each deal's estimate or its category's default: the report's value total); null "
            "while the organiser's switch on the stage controls is off",
        },
    },
}

_HUB_DEAL = {
    "type": "object",
    "properties": {
        "id": {"type": "string"},
        "number": {"type": "string"},
        "parties": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "participant_id": {"type": "string"},
                    "name": {"type": "string", "nullable": True},
                    "sector": {"type": "string"},
                    "gives": {"type": "string"},
                },
            },
        },
        "category": {"type": "string"},
        "kind": {"type": "string"},
        "deadline": {"type": "string"},
        "broker": {"type": "string"},
        "device": {"type": "string"},
        "registered_at": {"type": "string"},
        "voided": {"type": "boolean"},
        "conflict": {"type": "boolean"},
    },
}

_CONFLICT = {
    "type": "object",
    "required": ["key", "kind", "deal_ids", "participant_ids", "versions"],
    "properties": {
        "key": {"type": "string"},
        "kind": {
            "type": "string",
            "enum": ["versions", "void_vs_edit", "double_registration", "walk_in"],
        },
        "deal_ids": {"type": "array", "items": {"type": "string"}},
        "participant_ids": {"type": "array", "items": {"type": "string"}},
        "versions": {"type": "array", "items": {"type": "string"}},
    },
}

_RULING = {
    "type": "object",
    "required": ["key"],
    "description": (
        "deal:<id> — keep (a version ref), fields ({field: version ref}, a merge), void; "
        "double:<ids> — keep (the deal ids kept, the others are voided); "
        "walkin:<ids> — keep (the participant merged into, or '' when they differ)"
    ),
    "properties": {
        "key": {"type": "string"},
        "keep": {},
        "fields": {"type": "object", "additionalProperties": {"type": "string"}},
        "void": {"type": "boolean"},
    },
}

# hub/privacy/people.py export_person
_PERSON_EXPORT = {
    "type": "object",
    "required": ["format", "participant", "contact", "consent", "notes", "history", "deals"],
    "properties": {
        "format": {"type": "integer"},
        "exported_at": {"type": "string", "format": "date-time"},
        "participant": {"type": "object"},
        "contact": {
            "type": "object",
            "properties": {k: {"type": "string"} for k in ("contact_person", "email", "phone")},
        },
        "consent": {"type": "object", "nullable": True},
        "notes": {"type": "array", "items": {"type": "object"}},
        "history": {"type": "array", "items": {"type": "object"}},
        "deals": {"type": "array", "items": {"type": "object"}},
        "erased_at": {"type": "string", "nullable": True},
        "contact_purged_at": {"type": "string", "nullable": True},
    },
}
_ORGANISER = (401, 403)  # login_required; admin_local_only (organiser pages from the laptop)


def _sync_answers(*statuses: int) -> dict:
    return {
        str(status): {"description": "sealed answer or refusal", **json_content(_SYNC_ANSWER)}
        for status in statuses
    }


OPENAPI = document(
    "Frivilligbørs hub",
    {
        "/api/sync/relay": {
            "post": {
                "summary": "A paired kiosk hands on other devices' events it holds, each with its "
                "author's Ed25519 signature (sealed); one that does not fit refuses the batch",
                "requestBody": {"required": True, **json_content(_ENVELOPE)},
                "responses": _sync_answers(200, 400, 401, 403, 409, 413, 415, 422, 503),
            }
        },
        "/api/sync/push": {
            "post": {
                "summary": "A paired kiosk sends events the hub has not acknowledged (sealed)",
                "requestBody": {"required": True, **json_content(_ENVELOPE)},
                "responses": _sync_answers(200, 400, 401, 403, 409, 413, 415, 422, 503),
            }
        },
        "/api/sync/pull": {
            "get": {
                "summary": "The hub's log after a position (sealed: {after, limit} in the box)",
                "parameters": [
                    {"name": n, "in": "query", "required": True, "schema": {"type": "string"}}
                    for n in ("device", "box")
                ],
                "responses": _sync_answers(200, 400, 401, 403, 409, 503),
            }
        },
        "/api/sync/hello": {
            "post": {
                "summary": "Proves this hub holds the key the kiosk paired with (sealed)",
                "requestBody": {"required": True, **json_content(_ENVELOPE)},
                "responses": _sync_answers(200, 400, 401, 403, 409, 413, 415, 503),
            }
        },
        "/api/pair": {
            "post": {
                "summary": "Pair a kiosk with a one-time code shown on the hub",
                "requestBody": {
                    "required": True,
                    **json_content(
                        {
                            "type": "object",
                            "required": ["device", "public_key", "proof"],
                            "properties": {
                                "device": {"type": "string", "format": "uuid"},
                                "public_key": {"type": "string"},
                                "proof": {"type": "string"},
                                "name": {"type": "string", "maxLength": 60},
                            },
                        }
                    ),
                },
                "responses": {
                    "200": {
                        "description": "paired",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "hub": {"type": "string"},
                                    "public_key": {"type": "string"},
                                    "proof": {"type": "string"},
                                },
                            }
                        ),
                    },
                    **error_responses(400, 403, 413, 415, 429, 503),
                },
            }
        },
        "/api/stats": {
            "get": {
                "summary": "Figures for screens: deals, by sector pair, by category, closing",
                "responses": {"200": {"description": "figures", **json_content(_STATS)}},
            }
        },
        "/api/deals": {
            "get": {
                "summary": "The authoritative deal list, filterable (organiser)",
                "parameters": [
                    {"name": n, "in": "query", "schema": {"type": "string"}}
                    for n in ("sector", "category", "device")
                ],
                "responses": {
                    "200": {
                        "description": "deals",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {"deals": {"type": "array", "items": _HUB_DEAL}},
                            }
                        ),
                    },
                    **error_responses(*_ORGANISER),
                },
            }
        },
        "/api/privacy/participants/{participant_id}": {
            "get": {
                "summary": "Everything the hub holds about one participant (organiser; GDPR "
                "export): profile, contact details, consent and its text, notes, history, deals",
                "parameters": [
                    {
                        "name": "participant_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "format": "uuid"},
                    },
                    {"name": "download", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "the export", **json_content(_PERSON_EXPORT)},
                    "404": {"description": "no such participant"},
                    **error_responses(*_ORGANISER),
                },
            }
        },
        "/api/conflicts": {
            "get": {
                "summary": "The 'to resolve' list: what the organiser should settle (organiser)",
                "responses": {
                    "200": {
                        "description": "open conflicts, oldest first",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {"conflicts": {"type": "array", "items": _CONFLICT}},
                            }
                        ),
                    },
                    **error_responses(*_ORGANISER),
                },
            }
        },
        "/api/conflicts/resolve": {
            "post": {
                "summary": "Settle one conflict; the ruling is an event every tablet receives",
                "requestBody": {"required": True, **json_content(_RULING)},
                "responses": {
                    "200": {
                        "description": "settled",
                        **json_content(
                            {
                                "type": "object",
                                "properties": {
                                    "resolved": {"type": "string"},
                                    "open": {"type": "integer"},
                                },
                            }
                        ),
                    },
                    **error_responses(400, *_ORGANISER, 409, 413, 415, 422, 503),
                },
            }
        },
        "/api/outbox": {
            "get": {
                "summary": "The outbox: counts by status, the latest emails' outcome (organiser)",
                "description": "No addresses and no texts: the send log's codes only.",
                "parameters": [
                    {"name": "status", "in": "query", "schema": {"enum": list(_MAIL_STATUSES)}},
                    {"name": "limit", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "the outbox", **json_content(_OUTBOX)},
                    **error_responses(400, *_ORGANISER),
                },
            }
        },
        **FOLLOWUP_PATHS,
        **REPORT_PATHS,
        **CATALOGUE_PATHS,
        **DEVICE_PATHS,
        **ARRIVALS_PATHS,
        **REHEARSAL_PATHS,
    },
    {},
)
