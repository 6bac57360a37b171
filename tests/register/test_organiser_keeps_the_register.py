"""The organiser's register: search and filters, editing, withdrawing, notes, duplicates and
their merge. Every change is one event, and a merge keeps both records' history."""

from __future__ import annotations

import pytest

from hub.participants import register
from hub.participants.duplicates import fold_name, proposals
from shared.participants.rules import STATUS_WITHDRAWN
from tests.register.conftest import names_listed, person, sign_up
from tests.signup.conftest import field_errors


def listed(organiser, query: str) -> list[str]:
    answer = organiser.get("/participants" + query)
    assert answer.status_code == 200
    return sorted(names_listed(answer.get_data(as_text=True)))


ALL = ["Bakeriet AS", "Bydel Sagene", "Naboen", "Røde Kors Sagene", "Sagene IF"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("", ALL),
        ("?q=rode+kors", ["Røde Kors Sagene"]),  # folded: "o" finds "ø"
        ("?q=R%C3%98DE", ["Røde Kors Sagene"]),
        ("?q=sagene", ["Bydel Sagene", "Røde Kors Sagene", "Sagene IF"]),
        ("?q=974760673", ["Sagene IF"]),  # the organisation number
        ("?q=hei%40bakeriet.example", ["Bakeriet AS"]),  # the email, from the vault
        ("?q=ingen+slik", []),
        ("?sector_filter=voluntary", ["Røde Kors Sagene", "Sagene IF"]),
        ("?sector_filter=business", ["Bakeriet AS", "Naboen"]),
        ("?category=courses", ["Bakeriet AS"]),
        ("?status=signed_up", ["Røde Kors Sagene", "Sagene IF"]),
        ("?status=invited", ["Bydel Sagene"]),
        ("?status=withdrawn", ["Bakeriet AS"]),
        ("?status=walk_in", ["Naboen"]),
        ("?q=sagene&sector_filter=voluntary&status=signed_up", ["Røde Kors Sagene", "Sagene IF"]),
        ("?sector_filter=church&status=nobody", ALL),  # an unknown filter is no filter
    ],
)
def test_search_and_filters(small_register, organiser, query, found):
    assert listed(organiser, query) == found


def test_the_register_needs_the_login(small_register, hub_app):
    guest = hub_app.test_client()
    for path in (
        "/participants",
        f"/participants/{small_register.sagene_if}",
        "/participants/duplicates",
    ):
        answer = guest.get(path)
        assert answer.status_code in (302, 401)
        assert "post@sagene-if.example" not in answer.get_data(as_text=True)


def test_the_organiser_edits_a_participant(small_register, organiser):
    pid = small_register.sagene_if
    page = organiser.get(f"/participants/{pid}").get_data(as_text=True)
    assert 'value="post@sagene-if.example"' in page  # the organiser sees contact details
    typed = {
        "name": "Sagene Idrettsforening",
        "orgnr": "974760673",
        "sector": "voluntary",
        "contact_person": "Per Hansen",
        "email": "per@sagene-if.example",
        "phone": "22 33 44 55",
        "need_category_0": "equipment",
        "need_text_0": "Matter",
        "offer_category_0": "volunteering",
        "offer_text_0": "Ryddehjelp",
        "show_public": "on",
    }
    answer = organiser.post(f"/participants/{pid}", data=typed)
    assert answer.status_code == 303
    p = small_register.hub.evening.participants[pid]
    assert p.name == "Sagene Idrettsforening" and p.needs[0]["text"] == "Matter"
    assert small_register.hub.contact_of(pid)["email"] == "per@sagene-if.example"
    last = small_register.hub.evening.participants.facts_of(pid)[-1]
    assert type(last).__name__ == "ParticipantChanged" and last.by == "organiser"


def test_a_wrong_edit_is_shown_beside_its_field_and_changes_nothing(small_register, organiser):
    pid = small_register.sagene_if
    answer = organiser.post(
        f"/participants/{pid}", data={"name": "Sagene IF", "sector": "voluntary", "orgnr": "1"}
    )
    assert answer.status_code == 422
    assert "orgnr" in field_errors(answer.get_data(as_text=True))
    assert small_register.hub.evening.participants[pid].orgnr == "974760673"


def test_an_invitee_cannot_be_shown_in_public_without_consent(small_register, organiser):
    pid = small_register.bydel
    answer = organiser.post(
        f"/participants/{pid}",
        data={"name": "Bydel Sagene", "sector": "public", "show_public": "on"},
    )
    assert answer.status_code == 422
    assert "show_public" in field_errors(answer.get_data(as_text=True))
    assert not small_register.hub.evening.participants[pid].in_catalogue


def test_the_organiser_withdraws_a_participant(small_register, organiser):
    pid = small_register.rode_kors
    answer = organiser.post(f"/participants/{pid}/withdraw", data={"reason": "Meldte avbud"})
    assert answer.status_code == 303
    p = small_register.hub.evening.participants[pid]
    assert p.status == STATUS_WITHDRAWN and not p.in_catalogue
    again = organiser.post(f"/participants/{pid}/withdraw", data={"reason": ""})
    assert again.status_code == 422
    assert listed(organiser, "?status=withdrawn") == ["Bakeriet AS", "Røde Kors Sagene"]


def test_notes_are_sealed_and_shown_to_the_organiser(small_register, organiser):
    pid = small_register.sagene_if
    note = "Ringte 12. mars, vil ha stand nær døra"
    assert organiser.post(f"/participants/{pid}/notes", data={"note": note}).status_code == 303
    page = organiser.get(f"/participants/{pid}").get_data(as_text=True)
    assert note in page
    log = (small_register.hub.data_dir / "hub.sqlite").read_bytes()
    assert note.encode() not in log
    assert organiser.post(f"/participants/{pid}/notes", data={"note": " "}).status_code == 422


def test_duplicates_are_proposed_by_alike_names_orgnr_or_email(small_register):
    hub = small_register.hub
    alike = sign_up(hub, person("Sagene I.F.", "voluntary", "annen@adresse.example"))
    same_mail = sign_up(hub, person("Kors og Kake", "voluntary", "SAGENE@rodekors.example"))
    same_orgnr = register.invite(
        hub, {"name": "Idrettslaget", "sector": "voluntary", "orgnr": "974 760 673"}
    )
    found = {frozenset(p.participant_ids): p.reasons for p in proposals(hub)}
    assert "name" in found[frozenset({small_register.sagene_if, alike})]
    assert found[frozenset({small_register.rode_kors, same_mail})] == ("email",)
    assert found[frozenset({small_register.sagene_if, same_orgnr})] == ("orgnr",)
    assert frozenset({small_register.sagene_if, small_register.rode_kors}) not in found


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Røde Kors, Sagene", "rode kors sagene"),
        ("ÆRLIGE Å AS", "aerlige a"),
        ("Café Møller", "cafe moller"),
    ],
)
def test_names_are_folded_for_case_diacritics_and_norwegian_letters(name, folded):
    assert fold_name(name) == folded


def test_a_merge_keeps_both_histories(small_register, organiser):
    hub = small_register.hub
    kept = small_register.sagene_if
    other = sign_up(hub, person("Sagene I.F.", "voluntary", "annen@adresse.example"))
    register.add_note(hub, other, "Kom via nabolaget")
    page = organiser.get("/participants/duplicates").get_data(as_text=True)
    assert page.count('data-testid="duplicate"') == 1
    answer = organiser.post(
        "/participants/duplicates", data={"participant_ids": [kept, other], "keep": kept}
    )
    assert answer.status_code == 303
    participants = hub.evening.participants
    assert participants[other].merged_into == kept
    history = participants.facts_of(kept)
    whose = {(type(ev).__name__, getattr(ev, "participant_id", None)) for ev in history}
    assert ("ParticipantSignedUp", kept) in whose and ("ParticipantSignedUp", other) in whose
    assert ("ParticipantNoteAdded", other) in whose
    assert ("ParticipantDuplicatesResolved", None) in whose
    detail = organiser.get(f"/participants/{kept}").get_data(as_text=True)
    assert detail.count('data-what="ParticipantSignedUp"') == 2
    merged = organiser.get(f"/participants/{other}").get_data(as_text=True)
    assert 'data-testid="merged-into"' in merged
    assert listed(organiser, "?q=sagene+i") == ["Sagene IF"]  # the merged one is not listed
    assert participants.signed_up_count() == 2


def test_kept_apart_is_not_proposed_again(small_register, organiser):
    hub = small_register.hub
    other = sign_up(hub, person("Sagene I.F.", "voluntary", "annen@adresse.example"))
    pair = [small_register.sagene_if, other]
    answer = organiser.post("/participants/duplicates", data={"participant_ids": pair, "keep": ""})
    assert answer.status_code == 303
    assert proposals(hub) == []
    page = organiser.get("/participants/duplicates").get_data(as_text=True)
    assert 'data-testid="no-duplicates"' in page
    assert hub.evening.participants[other].merged_into is None


def test_a_forged_merge_is_refused(small_register, organiser):
    answer = organiser.post(
        "/participants/duplicates",
        data={"participant_ids": [small_register.sagene_if], "keep": small_register.sagene_if},
    )
    assert answer.status_code == 422


def test_every_change_is_an_event(small_register, organiser):
    hub = small_register.hub
    before = hub.store.head()
    pid = small_register.rode_kors
    organiser.post(f"/participants/{pid}/notes", data={"note": "Hei"})
    organiser.post(f"/participants/{pid}/withdraw", data={"reason": ""})
    assert hub.store.head() == before + 2
