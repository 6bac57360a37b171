"""Stories to share: a success with a short text and the parties' consent; only a story every
party agreed to is in the list ready to copy."""

from __future__ import annotations


def test_a_story_is_ready_to_share_once_both_parties_agree(evening, organiser):
    hub, deal = evening.hub, evening.deals["bake"]
    text = "Bakeriet stilte med boller til hele cupen, og 40 frivillige hjalp på julemarkedet"
    answer = organiser.post(
        f"/followup/{deal}/story", data={"text": text, "consent": [evening.ids["bakeri"]]}
    )
    assert answer.status_code == 303
    page = organiser.get("/followup/stories").get_data(as_text=True)
    waiting = page[page.index('data-testid="waiting"') :]
    assert "40 frivillige" in waiting and "sagt ja: Kvernbakken Bakeri AS" in waiting
    assert 'data-testid="copy"' not in page

    both = [evening.ids["bakeri"], evening.ids["idrett"]]
    organiser.post(f"/followup/{deal}/story", data={"text": text, "consent": both})
    page = organiser.get("/followup/stories").get_data(as_text=True)
    copy = page[page.index('data-testid="copy"') : page.index("</textarea>")]
    assert "Fra Frivilligbørs Sagene" in copy
    assert f"{text} (Kvernbakken Bakeri AS og Sagene IF)" in copy
    assert 'data-testid="waiting"' not in page
    assert hub.evening.followup.card(deal).story == text


def test_only_the_parties_can_consent_and_an_empty_text_takes_the_story_back(evening, organiser):
    hub, deal = evening.hub, evening.deals["bake"]
    head = hub.store.head()
    refused = organiser.post(
        f"/followup/{deal}/story", data={"text": "Flott!", "consent": [evening.ids["korps"]]}
    )
    assert refused.status_code == 422 and hub.store.head() == head
    organiser.post(f"/followup/{deal}/story", data={"text": "Flott!"})
    organiser.post(f"/followup/{deal}/story", data={"text": ""})
    assert hub.evening.followup.stories() == []
    assert "Ingen historier klare" in organiser.get("/followup/stories").get_data(as_text=True)
