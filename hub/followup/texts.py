"""The follow-up's families of texts, built from codes in its templates (``followup.status.``
~ a status): listed here so the i18n tests check every member is in both catalogs."""

from __future__ import annotations

from hub.followup.board import VIEWS
from hub.followup.workbook import COLUMNS
from shared.followup.projection import FollowUp
from shared.followup.rules import ANSWERS, CHANGE_FIELDS, STATUSES, VIAS

TEXT_FAMILIES = {
    "followup.status.": STATUSES,
    "followup.view.": VIEWS,
    "followup.step.": tuple(
        sorted(
            set(FollowUp.handles) - {"FollowUpAskingSet", "DealValueEstimated", "CategoryValueSet"}
        )
    ),
    "followup.via.": VIAS,
    "followup.field.": (*CHANGE_FIELDS, "story"),
    "followup.answer.": (*ANSWERS, "link_invalid", "link_expired"),
    "followup.sheet.": (*COLUMNS, "title"),
}
