"""Stories to share: a deal marked a success with a short text and the parties who agreed to
be named. Only a story every party agreed to is ready to share; the list is made to be copied
into social media as it is."""

from __future__ import annotations

from dataclasses import dataclass

from hub.followup import desk
from shared.i18n import translate


@dataclass(frozen=True)
class Story:
    deal: object
    text: str
    names: tuple[str, ...]  # the parties, in the deal's order
    agreed: tuple[str, ...]  # the names of those who agreed to be named
    ready: bool


def mark(hub, deal_id: str, text: str, consents: list[str]) -> None:
    deal = desk.counted_deal(hub, deal_id)
    hub.record("mark_story", deal_id, {"text": text, "consents": consents}, list(deal.party_ids))


def stories(evening) -> list[Story]:
    found = []
    for card in evening.followup.stories():
        deal = evening.deals.get(card.deal_id)
        if deal is None or deal.voided:
            continue
        names, agreed = [], []
        for pid in deal.party_ids:
            p = evening.participants.get(pid)
            name = p.name if p else "?"
            names.append(name)
            if pid in card.story_consents:
                agreed.append(name)
        ready = set(deal.party_ids) <= set(card.story_consents)
        found.append(Story(deal, card.story, tuple(names), tuple(agreed), ready))
    found.sort(key=lambda s: s.deal.number)
    return found


def copy_text(evening, ready: list[Story], lang: str) -> str:
    """The ready stories as one text to paste into a post."""
    event = (evening.settings or {}).get("name", "") or "Frivilligbørs"
    lines = [translate("followup.stories.lead", lang, event=event), ""]
    for story in ready:
        joined = translate("followup.stories.and", lang).join(story.names)
        lines.append(translate("followup.stories.line", lang, text=story.text, names=joined))
        lines.append("")
    lines.append("#frivilligbørs")
    return "\n".join(lines)
