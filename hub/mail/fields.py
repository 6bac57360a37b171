"""The merge fields of a letter: from the participant, the evening and the mail settings.

Every value is text; :mod:`hub.mail.rendering` escapes it for the HTML part. ``suggestions``
comes from the catalogue's match suggestions (offers of others that meet this participant's
needs, only among those shown in the public catalogue) with its own lead line, or is empty.
"""

from __future__ import annotations

from hub.mail.settings import MailSettings
from shared.i18n import format_date, translate

MAX_SUGGESTIONS = 5


def evening_fields(evening, settings: MailSettings, lang: str) -> dict[str, str]:
    plan = evening.settings or {}
    opens, closes = plan.get("opens_at", ""), plan.get("closes_at", "")
    return {
        "event": plan.get("name", "") or "Frivilligbørs",
        "date": format_date(plan.get("date", ""), lang, "full"),
        "time": f"{opens}–{closes}" if opens and closes else opens,
        "place": plan.get("venue", ""),
        "signup_link": settings.signup_url,
        "catalogue_link": settings.catalogue_url or _catalogue_address(evening),
        "organiser": settings.organiser,
    }


def _catalogue_address(evening) -> str:
    catalogue = getattr(evening, "catalogue", None)
    return getattr(catalogue, "public_url", "") or ""


def participant_fields(evening, participant, contact: dict, lang: str) -> dict[str, str]:
    return {
        "name": participant.name,
        "contact_person": contact.get("contact_person") or participant.name,
        "suggestions": suggestions(evening, participant.id, lang),
    }


def suggestions(evening, participant_id: str, lang: str) -> str:
    catalogue = getattr(evening, "catalogue", None)
    if catalogue is None:
        return ""
    lines = []
    for need, matches in catalogue.matches.for_participant(participant_id, per_need=2):
        for match in matches:
            giver = evening.participants.get(match.giver)
            if giver is None:
                continue
            lines.append(
                "- "
                + translate(
                    "mail.suggestion", lang, name=giver.name, offer=match.offer.text, need=need.text
                )
            )
    if not lines:
        return ""
    return translate("mail.suggestions_lead", lang) + "\n" + "\n".join(lines[:MAX_SUGGESTIONS])


def sample_fields(evening, settings: MailSettings, lang: str) -> dict[str, str]:
    """What the preview shows when no participant is picked (and, for a link or a sender the
    settings do not have yet, what it will be, in brackets)."""
    values = evening_fields(evening, settings, lang)
    for name in ("signup_link", "catalogue_link", "organiser"):
        values[name] = values[name] or translate(f"mail.sample.{name}", lang)
    return {
        **values,
        "name": translate("mail.sample_name", lang),
        "contact_person": translate("mail.sample_person", lang),
        "suggestions": translate("mail.suggestions_lead", lang)
        + "\n- "
        + translate(
            "mail.suggestion",
            lang,
            name=translate("mail.sample_other", lang),
            offer=translate("mail.sample_offer", lang),
            need=translate("mail.sample_need", lang),
        ),
    }
