"""The organiser's "to resolve" list and its JSON twin: conflicts are shown, never settled
silently (promise 4). The rulings themselves are in :mod:`hub.conflicts.service`."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request

from hub.conflicts.service import (
    DEAL_FIELDS,
    NothingToResolve,
    resolve_deal,
    resolve_duplicates,
    resolve_walk_ins,
)
from hub.service import StorageUnavailable
from hub.web import current_hub
from shared.core.checks import ValidationFailed
from shared.core.errors import CodedError
from shared.i18n import translate
from shared.web import current_language, json_body

conflicts = Blueprint("hub_conflicts", __name__, template_folder="templates")


def text(key: str) -> str:
    return translate(f"conflicts.{key}", current_language())


@conflicts.app_context_processor
def _nav() -> dict:
    """The nav link on every organiser page, with how many conflicts wait."""
    return {"open_conflicts": current_hub().evening.conflicts.count()}


def _version_label(evening, version: dict, index: int) -> str:
    """A version by who wrote it where, not by a code that reads like a deal number
    ("K7Q-12" was the deal's number, "K7Q-14" a version of it): "Version B · Nettbrett 2"."""
    letter = chr(ord("A") + index) if index < 26 else str(index + 1)
    device = evening.devices.name_of(version["device"], version["tag"])
    return f"{text('version')} {letter} · {device}"


def _conflict_items() -> list[dict]:
    evening = current_hub().evening
    items = []
    for conflict in evening.conflicts.all():
        versions = [evening.deals.version_of(ref) for ref in conflict["versions"]]
        heads = [v for v in versions if v and v["type"] != "DealVoided"]
        differing = [name for name in DEAL_FIELDS if len({repr(v[name]) for v in heads}) > 1]
        shown = [{**v, "label": _version_label(evening, v, i)} for i, v in enumerate(versions) if v]
        items.append(
            {
                **conflict,
                "shown_versions": shown,
                "differing": differing,
                "deals": [evening.deals[d] for d in conflict["deal_ids"] if d in evening.deals],
                "participants": [
                    evening.participants[p]
                    for p in conflict.get("participant_ids", [])
                    if p in evening.participants
                ],
            }
        )
    return items


@conflicts.get("/conflicts")
def page():
    notice = request.args.get("notice")
    return render_template(
        "conflicts/list.html",
        items=_conflict_items(),
        evening=current_hub().evening,
        notice=text(notice) if notice in ("gone", "storage") else None,
        active="conflicts",
    )


def _settle(action) -> bool | str:
    try:
        action()
    except NothingToResolve:
        return "gone"
    except StorageUnavailable:
        return "storage"
    except ValidationFailed:
        return "gone"
    return True


@conflicts.post("/conflicts/deal/<deal_id>")
def settle_deal(deal_id: str):
    form = request.form
    fields = {name: form[f"field_{name}"] for name in DEAL_FIELDS if f"field_{name}" in form}
    outcome = _settle(
        lambda: resolve_deal(
            current_hub(), deal_id, form.get("keep", ""), fields, void=form.get("void") == "1"
        )
    )
    return _back(outcome)


@conflicts.post("/conflicts/double")
def settle_double():
    form = request.form
    ids = form.getlist("deal_id")
    keep = ids if form.get("keep") == "all" else [form.get("keep", "")]
    return _back(_settle(lambda: resolve_duplicates(current_hub(), ids, keep)))


@conflicts.post("/conflicts/walk-ins")
def settle_walk_ins():
    form = request.form
    ids = form.getlist("participant_id")
    return _back(_settle(lambda: resolve_walk_ins(current_hub(), ids, form.get("keep", ""))))


def _back(outcome: bool | str):
    """Post/redirect/get: the list again, with a notice when the ruling could not be kept."""
    if outcome is True:
        return redirect("/conflicts", code=303)
    return redirect(f"/conflicts?notice={outcome}", code=303)


@conflicts.get("/api/conflicts")
def api_list():
    return jsonify(
        {
            "conflicts": [
                {
                    "key": c["key"],
                    "kind": c["kind"],
                    "deal_ids": c["deal_ids"],
                    "participant_ids": c.get("participant_ids", []),
                    "versions": c["versions"],
                }
                for c in current_hub().evening.conflicts.all()
            ]
        }
    )


@conflicts.post("/api/conflicts/resolve")
def api_resolve():
    """One JSON endpoint for every ruling: ``{"key": ..., ...}`` as in the list."""
    body = json_body()
    if not isinstance(body, dict) or not isinstance(body.get("key"), str):
        raise CodedError("malformed_ruling", "send an object with the conflict's key", 400)
    key = body["key"]
    kind, _, rest = key.partition(":")
    try:
        if kind == "deal":
            fields = body.get("fields") or {}
            if not isinstance(fields, dict):
                raise CodedError("malformed_ruling", "fields must be an object", 400)
            resolve_deal(
                current_hub(), rest, str(body.get("keep", "")), fields, bool(body.get("void"))
            )
        elif kind == "double":
            keep = body.get("keep")
            if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
                raise CodedError("malformed_ruling", "keep must be a list of deal ids", 400)
            resolve_duplicates(current_hub(), rest.split("+"), keep)
        elif kind == "walkin":
            resolve_walk_ins(current_hub(), rest.split("+"), str(body.get("keep", "")))
        else:
            raise NothingToResolve(key)
    except NothingToResolve as error:
        raise CodedError("nothing_to_resolve", str(error), 409) from None
    except ValidationFailed as failed:
        raise CodedError("invalid_ruling", str(failed), 422) from None
    except StorageUnavailable:
        raise CodedError("storage_unavailable", "the hub cannot write its database", 503) from None
    return jsonify({"resolved": key, "open": current_hub().evening.conflicts.count()})
