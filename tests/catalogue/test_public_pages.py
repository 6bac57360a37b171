"""The public catalogue pages, as anyone on the internet reads them: no login, everyone who
agreed to be shown and nobody else, never a contact detail, text from the public escaped, and a
page per participant with the match suggestions and the reason for each."""

from __future__ import annotations

import re

import pytest

import hub as hub_web
from tests.catalogue.conftest import CONTACTS
from tests.support.evenings import HOSTILE

CONTACT_TRACES = [*CONTACTS.values(), "kari.kontakt", "912 34", "korpset.example"]


def public_answers(visitor, bors) -> dict[str, str]:
    """Every public catalogue answer a visitor can reach, by URL."""
    urls = ["/catalogue", "/catalogue?lang=en", "/catalogue?q=korps", "/api/catalogue"]
    urls += ["/api/catalogue?q=korps", "/catalogue?page=2"]
    urls += [f"/catalogue/{e.id}" for e in bors.catalogue.entries()]
    answers = {url: visitor.get(url) for url in urls}
    answers["/catalogue?q=korps (htmx)"] = visitor.get(
        "/catalogue?q=korps", headers={"HX-Request": "true"}
    )
    assert {url: a.status_code for url, a in answers.items()} == dict.fromkeys(answers, 200)
    return {url: a.get_data(as_text=True) for url, a in answers.items()}


def test_no_public_answer_carries_a_contact_detail(visitor, read_bors):
    korps = read_bors.hub.contact_of(read_bors.korps)
    assert korps["email"] == CONTACTS["email"]  # the hub does hold them, sealed
    sealed = read_bors.hub.evening.participants.get(read_bors.korps).contact_sealed
    assert len(sealed) > 40
    for url, text in public_answers(visitor, read_bors).items():
        for trace in [*CONTACT_TRACES, sealed[:40]]:
            assert trace not in text, f"{url} shows {trace!r}"


def test_the_korps_page_shows_its_needs_offers_and_suggestions(visitor, read_bors):
    page = visitor.get(f"/catalogue/{read_bors.korps}").get_data(as_text=True)
    assert "<h1>Årstad Skolekorps" in page
    assert "Øvingslokale for korpset på tirsdager" in page
    assert "Korpsmusikk til åpninger, fester og børsen" in page
    reasons = re.findall(r'data-testid="catalogue-reason">([^<]+)<', page)
    assert reasons, "no suggestion for a room on Tuesdays"
    assert reasons[0].startswith(
        "Årstad Skolekorps trenger «Øvingslokale for korpset på tirsdager»; "
    )
    assert "<svg" in page and "/catalogue/" + read_bors.korps in page


def test_a_suggestion_says_why_in_english_too(visitor, read_bors):
    sagene_if = read_bors.id_of("n01")  # needs a room for board meetings on a Tuesday
    page = visitor.get(f"/catalogue/{sagene_if}?lang=en").get_data(as_text=True)
    assert "Suggested deals" in page
    assert (
        "Sagene IF needs “Et lokale til styremøter og årsmøte en tirsdag i måneden”; "
        "Kaffebrenneriet Torshov offers “Lokalet vårt til små møter før åpningstid”."
    ) in page
    assert "In common: lokale · another sector" in page


@pytest.mark.parametrize("who", ["hidden", "withdrawn"])
def test_who_the_catalogue_does_not_show_has_no_page(visitor, read_bors, who):
    assert visitor.get(f"/catalogue/{getattr(read_bors, who)}").status_code == 404
    assert visitor.get("/catalogue/not-a-participant").status_code == 404


def test_nobody_hidden_is_suggested_to_anyone(visitor, read_bors):
    for entry in read_bors.catalogue.entries():
        page = visitor.get(f"/catalogue/{entry.id}").get_data(as_text=True)
        assert "Skjult Forening" not in page and "Trukket Lag" not in page


def test_text_from_the_public_is_escaped(hub):
    hostile = hub.register_participant(
        {
            "name": f"{HOSTILE} Lag",
            "sector": "public",
            "needs": [{"category": "premises", "text": f"Lokale {HOSTILE}"}],
            "offers": [{"category": "premises", "text": "Lokale <b>gratis</b>"}],
            "consent_public": True,
        }
    )
    visitor = hub_web.create_app(hub).test_client()
    for url in ("/catalogue", f"/catalogue/{hostile}", "/catalogue?q=lokale"):
        page = visitor.get(url).get_data(as_text=True)
        assert HOSTILE not in page and "<b>gratis" not in page
        assert "&lt;script&gt;" in page


def test_htmx_gets_only_the_results(visitor):
    fragment = visitor.get("/catalogue?q=rode+kors", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert text.lstrip().startswith('<div id="results"')
    assert "<html" not in text and "Røde Kors Sagene" in text


def test_pages_of_thirty(visitor):
    first = visitor.get("/catalogue").get_data(as_text=True)
    assert first.count('data-testid="catalogue-entry"') == 28  # one page holds them all
    assert "Side 1 av" not in first
    assert visitor.get("/catalogue?page=9").status_code == 200  # past the end: the last page


def test_a_page_also_says_whose_needs_its_offers_meet(visitor, read_bors):
    # Sagene IF lends its club house on weekdays; Sagene IF's own need is not listed for it
    sagene_if = read_bors.id_of("o02")
    page = visitor.get(f"/catalogue/{sagene_if}").get_data(as_text=True)
    assert "Hvem kan bruke tilbudene" in page
    takers = re.findall(
        r'data-testid="catalogue-taker">\s*<p class="who"><a href="/catalogue/([^"]+)"', page
    )
    assert takers and sagene_if not in takers
    matches = read_bors.catalogue.matches
    for taker in takers:  # each is one of the taker's own matches, seen from the offer's side
        needs = read_bors.catalogue.entry(taker).needs
        givers = {m.giver for need in needs for m in matches.for_need(need)}
        assert sagene_if in givers
