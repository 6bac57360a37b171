"""The organiser's own changes to a deal on the hub: correct it, void it, undo a void.

Each is one more event in the hub's journal, as a tablet's would be; the tablets pull it like
any other. Undoing a void is ``DealVoidUndone``, the same event a tablet writes for it: it takes
back the voids the organiser saw (a void made later still stands), and every version stays in
the log.
"""

from __future__ import annotations

from hub.service import Hub
from shared.core.checks import FieldError, ValidationFailed
from shared.deals.commands import deal_content_of
from shared.deals.revisions import DealView


class UnknownDeal(LookupError):
    pass


def deal_of(hub: Hub, deal_id: str) -> DealView:
    deal = hub.evening.deals.get(deal_id)
    if deal is None:
        raise UnknownDeal(deal_id)
    return deal


def correct(hub: Hub, deal_id: str, data: dict) -> None:
    deal = deal_of(hub, deal_id)
    known = hub.evening.participants.__contains__
    hub.record("correct_deal", deal_id, deal.revision, data, known, deal_content_of(deal))


def void(hub: Hub, deal_id: str, reason: str) -> None:
    deal = deal_of(hub, deal_id)
    if deal.voided:
        raise ValidationFailed([FieldError("deal", "already_voided")])
    hub.record("void_deal", deal_id, deal.revision, {"reason": reason})


def undo_void(hub: Hub, deal_id: str) -> None:
    deal = deal_of(hub, deal_id)
    if not deal.voided or not deal.open_voids:
        raise ValidationFailed([FieldError("deal", "not_voided")])
    hub.record("undo_void", deal_id, list(deal.open_voids))
