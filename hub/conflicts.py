"""The organiser's "to resolve" list: conflicts are shown, never settled silently (promise 4).

What lands here (see :meth:`shared.evening.Evening.conflicts`): a deal changed on two tablets
that had not seen each other's change, a deal voided on one tablet and corrected on another, the
same pair and category registered by two brokers a few minutes apart, the same walk-in added on
two tablets. Every version stays in the log; the organiser's ruling is one more event in the
hub's journal, which the tablets pull like any other, so their copies change with it.

Use cases (functions over a :class:`hub.service.Hub`) first, then the page and its JSON twin.
"""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request

from hub.service import Hub, StorageUnavailable
from shared.domain.validation import ValidationFailed
from shared.i18n import translate
from shared.web import ApiError, current_language, json_body

DEAL_FIELDS = ("parties", "category", "kind", "deadline", "broker")


class NothingToResolve(LookupError):
    """The conflict named is not open (already settled, or never was)."""


# --- use cases --------------------------------------------------------------------------------


def _open_conflict(hub: Hub, key: str) -> dict:
    for conflict in hub.evening.conflicts():
        if conflict["key"] == key:
            return conflict
    raise NothingToResolve(key)


def resolve_deal(
    hub: Hub, deal_id: str, keep: str, fields: dict[str, str] | None = None, void: bool = False
) -> None:
    """Settle a deal's diverged versions: keep version ``keep`` (a ref among the heads), taking
    any field from another version named in ``fields`` (a merge), or void the deal."""
    conflict = _open_conflict(hub, f"deal:{deal_id}")
    evening = hub.evening
    heads = [r for r in conflict["versions"] if evening.version_of(r)["type"] != "DealVoided"]
    choices = {ref: evening.version_of(ref) for ref in heads}
    if keep not in choices:
        raise NothingToResolve(f"{keep} is not one of the versions in conflict")
    version = {name: choices[keep][name] for name in DEAL_FIELDS}
    for name, ref in (fields or {}).items():
        if name in DEAL_FIELDS and ref in choices:
            version[name] = choices[ref][name]
    hub._record(hub.journal.resolve_deal, deal_id, conflict["versions"], version, void, "")


def resolve_duplicates(hub: Hub, deal_ids: list[str], keep: list[str]) -> None:
    """A suspected double registration: keep every deal in ``keep``, void the others."""
    ids = sorted(deal_ids)
    _open_conflict(hub, "double:" + "+".join(ids))
    if not keep or not set(keep) <= set(ids):
        raise NothingToResolve("keep at least one of the deals in question")
    hub._record(hub.journal.resolve_duplicates, ids, keep)


def resolve_walk_ins(hub: Hub, participant_ids: list[str], keep: str) -> None:
    """The same walk-in added on several tablets: merge into ``keep``, or ``""`` to keep apart."""
    ids = sorted(participant_ids)
    _open_conflict(hub, "walkin:" + "+".join(ids))
    if keep and keep not in ids:
        raise NothingToResolve("merge into one of the walk-ins in question")
    hub._record(hub.journal.resolve_walk_ins, ids, keep)


# --- page and API -----------------------------------------------------------------------------

conflicts = Blueprint("hub_conflicts", __name__, template_folder="templates")


def text(key: str) -> str:
    return translate(f"conflicts.{key}", current_language())


def hub() -> Hub:
    return current_app.extensions["hub"]


@conflicts.app_context_processor
def _nav() -> dict:
    """The nav link on every organiser page, with how many conflicts wait."""
    return {"conflicts_text": text, "open_conflicts": hub().evening.conflict_count()}


def _conflict_items() -> list[dict]:
    evening = hub().evening
    items = []
    for conflict in evening.conflicts():
        versions = [evening.version_of(ref) for ref in conflict["versions"]]
        heads = [v for v in versions if v and v["type"] != "DealVoided"]
        differing = [name for name in DEAL_FIELDS if len({repr(v[name]) for v in heads}) > 1]
        items.append(
            {
                **conflict,
                "shown_versions": [v for v in versions if v],
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
        "hub/conflicts.html",
        items=_conflict_items(),
        evening=hub().evening,
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
            hub(), deal_id, form.get("keep", ""), fields, void=form.get("void") == "1"
        )
    )
    return _back(outcome)


@conflicts.post("/conflicts/double")
def settle_double():
    form = request.form
    ids = form.getlist("deal_id")
    keep = ids if form.get("keep") == "all" else [form.get("keep", "")]
    return _back(_settle(lambda: resolve_duplicates(hub(), ids, keep)))


@conflicts.post("/conflicts/walk-ins")
def settle_walk_ins():
    form = request.form
    ids = form.getlist("participant_id")
    return _back(_settle(lambda: resolve_walk_ins(hub(), ids, form.get("keep", ""))))


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
                for c in hub().evening.conflicts()
            ]
        }
    )


@conflicts.post("/api/conflicts/resolve")
def api_resolve():
    """One JSON endpoint for every ruling: ``{"key": ..., ...}`` as in the list."""
    body = json_body()
    if not isinstance(body, dict) or not isinstance(body.get("key"), str):
        raise ApiError("malformed_ruling", "send an object with the conflict's key", 400)
    key = body["key"]
    kind, _, rest = key.partition(":")
    try:
        if kind == "deal":
            fields = body.get("fields") or {}
            if not isinstance(fields, dict):
                raise ApiError("malformed_ruling", "fields must be an object", 400)
            resolve_deal(hub(), rest, str(body.get("keep", "")), fields, bool(body.get("void")))
        elif kind == "double":
            keep = body.get("keep")
            if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
                raise ApiError("malformed_ruling", "keep must be a list of deal ids", 400)
            resolve_duplicates(hub(), rest.split("+"), keep)
        elif kind == "walkin":
            resolve_walk_ins(hub(), rest.split("+"), str(body.get("keep", "")))
        else:
            raise NothingToResolve(key)
    except NothingToResolve as error:
        raise ApiError("nothing_to_resolve", str(error), 409) from None
    except ValidationFailed as failed:
        raise ApiError("invalid_ruling", str(failed), 422) from None
    except StorageUnavailable:
        raise ApiError("storage_unavailable", "the hub cannot write its database", 503) from None
    return jsonify({"resolved": key, "open": hub().evening.conflict_count()})
