"""A party's answer through their personal link (``/followup/answer/<token>``): public, no
login; the signed token names the deal and the party.

The link in the email opens a page with the three answers, the one clicked already chosen,
and a button that records it: link checkers in mail servers open every link in an email, so
opening one must never answer. An answer lands on the board as ``FollowUpAnswered``; a second
answer through the same link records nothing and says what was answered.
"""

from __future__ import annotations

from flask import render_template, request

from hub.auth.access import public
from hub.followup import asking, desk
from hub.followup.blueprint import followup
from hub.participants.links import LinkRefused
from hub.web import current_hub, form_errors
from shared.core.checks import ValidationFailed
from shared.followup.rules import ANSWERS


def _read(token: str):
    hub = current_hub()
    try:
        deal_id, participant_id = asking.links(hub).read_answer(token, desk.today())
    except LinkRefused as refused:
        return None, None, refused
    deal = hub.evening.deals.get(deal_id)
    if deal is None or deal.voided or participant_id not in deal.party_ids:
        return None, None, LinkRefused("link_invalid", "this link is not valid")
    return deal, participant_id, None


def _page(token: str, chosen: str = "", errors=None, reason: str = "", status: int = 200):
    deal, participant_id, refused = _read(token)
    if refused is not None:
        page = render_template("followup/answer.html", refused=refused.code)
        return page, refused.status
    hub = current_hub()
    card = hub.evening.followup.card(deal.id)
    others = [
        p.name
        for pid in deal.party_ids
        if pid != participant_id and (p := hub.evening.participants.get(pid))
    ]
    return (
        render_template(
            "followup/answer.html",
            refused="",
            deal=deal,
            party=hub.evening.participants.get(participant_id),
            partners=", ".join(others),
            answered=card.answers.get(participant_id),
            chosen=chosen if chosen in ANSWERS else "",
            errors=errors or {},
            reason=reason,
            token=token,
            ANSWERS=ANSWERS,
        ),
        status,
    )


@followup.get("/followup/answer/<token>")
@public
def answer_page(token: str):
    return _page(token, request.args.get("a", ""))


@followup.post("/followup/answer/<token>")
@public
def answer(token: str):
    deal, participant_id, refused = _read(token)
    if refused is not None:
        return _page(token)
    hub = current_hub()
    data = {"answer": request.form.get("answer", ""), "reason": request.form.get("reason", "")}

    def record(journal):
        if participant_id in hub.evening.followup.card(deal.id).answers:
            return False  # answered already: said once is enough
        journal.answer_followup(deal.id, participant_id, data, desk.today().isoformat())
        return True

    try:
        hub.record(record)
    except ValidationFailed as failed:
        return _page(token, data["answer"], form_errors(failed), data["reason"], 422)
    return _page(token)
