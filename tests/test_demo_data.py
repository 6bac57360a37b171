"""The demo data is believable, fictional and consistent with the domain's own rules."""

import datetime as dt
import re
import tomllib
import uuid
from importlib import resources

import pytest

from bors import demo_data
from bors.demo_data import DEMO_EVENT, demo_deals, demo_participants
from shared.deals.rules import validate_deal
from shared.participants.rules import validate_participant
from shared.schedule.rules import validate_event_settings

SECTORS = {"business", "voluntary", "public"}
CATEGORIES = {"premises", "equipment", "courses", "culture", "volunteering", "expertise"}
KINDS = {"mutual", "gift", "intent"}
KEYS = {
    "name",
    "sector",
    "contact_person",
    "email",
    "phone",
    "needs",
    "offers",
    "consent_public",
}
EXAMPLE_DOMAINS = {"example.no", "example.org", "example.com"}
PHONE = re.compile(r"^\+47 4\d\d \d\d \d\d\d$")


@pytest.fixture
def participants():
    return demo_participants()


@pytest.fixture
def ids_by_name(participants):
    return {p["name"]: str(uuid.uuid5(uuid.NAMESPACE_URL, p["name"])) for p in participants}


def test_event_is_a_valid_evening_of_one_hour():
    assert validate_event_settings(DEMO_EVENT) == DEMO_EVENT
    assert dt.date.fromisoformat(DEMO_EVENT["date"]).isoformat() == DEMO_EVENT["date"]
    assert (DEMO_EVENT["opens_at"], DEMO_EVENT["closes_at"]) == ("17:45", "18:45")
    assert isinstance(DEMO_EVENT["target"], int) and DEMO_EVENT["target"] > 0


def test_about_sixty_participants_spread_over_all_three_sectors(participants):
    assert 55 <= len(participants) <= 70
    for sector in SECTORS:
        assert sum(p["sector"] == sector for p in participants) >= 15, sector
    assert {p["sector"] for p in participants} == SECTORS


def test_every_participant_has_exactly_the_agreed_keys_and_types(participants):
    for p in participants:
        assert set(p) == KEYS, p["name"]
        for key in ("name", "contact_person", "email", "phone"):
            assert isinstance(p[key], str) and p[key].strip() == p[key] and p[key], (p, key)
        assert isinstance(p["consent_public"], bool)
        assert len(p["contact_person"].split()) >= 2, p["contact_person"]
        assert PHONE.match(p["phone"]), p["phone"]


def test_every_participant_passes_the_sign_up_validation(participants):
    for p in participants:
        clean = validate_participant(p)
        assert clean["name"] == p["name"]
        assert clean["needs"] == p["needs"]
        assert clean["offers"] == p["offers"]


def test_needs_and_offers_use_only_the_six_categories(participants):
    for p in participants:
        for field in ("needs", "offers"):
            items = p[field]
            assert 1 <= len(items) <= 3, (p["name"], field)
            for item in items:
                assert set(item) == {"category", "text"}
                assert item["category"] in CATEGORIES, item
                assert item["text"].strip() and len(item["text"]) <= 80, item
    used_needs = {i["category"] for p in participants for i in p["needs"]}
    used_offers = {i["category"] for p in participants for i in p["offers"]}
    assert used_needs == CATEGORIES
    assert used_offers == CATEGORIES


def test_names_emails_and_phones_are_unique(participants):
    for key in ("name", "email", "phone", "contact_person"):
        values = [p[key] for p in participants]
        assert len(values) == len(set(values)), key
    folded = [p["name"].casefold() for p in participants]
    assert len(folded) == len(set(folded))


def test_emails_are_only_on_reserved_example_domains(participants):
    for p in participants:
        local, _, domain = p["email"].partition("@")
        assert domain in EXAMPLE_DOMAINS, p["email"]
        assert re.fullmatch(r"[a-z0-9.\-]+", local), p["email"]


def test_some_but_not_most_participants_withhold_public_consent(participants):
    withheld = [p["name"] for p in participants if not p["consent_public"]]
    assert 1 <= len(withheld) <= 6


def test_two_very_long_names_are_included_for_overflow(participants):
    long_names = [p["name"] for p in participants if len(p["name"]) >= 70]
    assert len(long_names) >= 2
    assert all(len(name) <= 120 for name in long_names)


def test_needs_of_one_participant_meet_offers_of_another(participants):
    # Same category across different participants, and the texts share a meaningful word, so a
    # matching feature (even a naive one) has real pairs to find.
    def words(text):
        return {w for w in re.findall(r"\w+", text.casefold()) if len(w) >= 5}

    matches = set()
    for needer in participants:
        for need in needer["needs"]:
            for offerer in participants:
                if offerer["name"] == needer["name"]:
                    continue
                for offer in offerer["offers"]:
                    if offer["category"] == need["category"] and words(need["text"]) & words(
                        offer["text"]
                    ):
                        matches.add((needer["name"], need["text"], offerer["name"]))
    assert len(matches) >= 10
    assert len({category_of(m, participants) for m in matches}) >= 4


def category_of(match, participants):
    needer, text, _ = match
    for p in participants:
        if p["name"] == needer:
            return next(n["category"] for n in p["needs"] if n["text"] == text)
    raise AssertionError(match)


def test_same_answer_every_call_and_callers_cannot_spoil_it(participants):
    participants[0]["needs"].clear()
    participants[0]["name"] = "endret"
    fresh = demo_participants()
    assert fresh == demo_participants()
    assert fresh[0]["name"] != "endret" and fresh[0]["needs"]
    assert demo_deals({p["name"]: "x" + p["name"] for p in fresh}) == demo_deals(
        {p["name"]: "x" + p["name"] for p in fresh}
    )


def test_deals_refer_only_to_the_given_ids(participants, ids_by_name):
    deals = demo_deals(ids_by_name)
    assert 12 <= len(deals) <= 20
    known = set(ids_by_name.values())
    for deal in deals:
        assert set(deal) == {"parties", "category", "kind"}
        assert deal["kind"] in KINDS
        assert deal["category"] in CATEGORIES
        ids = [party["participant_id"] for party in deal["parties"]]
        assert len(ids) == 2 and len(set(ids)) == 2, deal
        assert set(ids) <= known
        for party in deal["parties"]:
            assert set(party) == {"participant_id", "gives"}
    assert {deal["kind"] for deal in deals} == KINDS


def test_deals_have_the_shape_each_kind_requires(ids_by_name):
    for deal in demo_deals(ids_by_name):
        gives = [party["gives"] for party in deal["parties"]]
        if deal["kind"] == "gift":
            assert gives[0] and not gives[1], deal
        else:
            assert all(gives), deal


def test_deals_pass_the_kiosk_validation(ids_by_name):
    known = set(ids_by_name.values())
    for deal in demo_deals(ids_by_name):
        clean = validate_deal({**deal, "deadline": "2027-01-15"}, known.__contains__)
        assert [p["participant_id"] for p in clean["parties"]] == [
            p["participant_id"] for p in deal["parties"]
        ]


def test_deals_span_sectors(participants, ids_by_name):
    sector_by_id = {ids_by_name[p["name"]]: p["sector"] for p in participants}
    pairs = {
        frozenset(sector_by_id[party["participant_id"]] for party in deal["parties"])
        for deal in demo_deals(ids_by_name)
    }
    assert len(pairs) >= 4


def test_deals_name_a_missing_participant(ids_by_name):
    name = "Furulund Byggevare AS"
    del ids_by_name[name]
    with pytest.raises(KeyError, match=name):
        demo_deals(ids_by_name)


def the_data_file() -> dict:
    """The data file as shipped in the package, read the way an installed ``bors`` reads it."""
    return tomllib.loads(resources.files("bors").joinpath(demo_data.DATA_FILE).read_text("utf-8"))


def test_the_data_file_loads_and_every_participant_in_it_validates():
    room = the_data_file()
    assert set(room) == {"event", "participants", "deals"}
    assert validate_event_settings(room["event"]) == DEMO_EVENT
    assert len(room["participants"]) == len(demo_participants())
    for entry in room["participants"]:
        clean = validate_participant(entry)
        assert clean["name"] == entry["name"]
        assert clean["contact"]["email"] == entry["email"]
    names = {entry["name"] for entry in room["participants"]}
    for deal in room["deals"]:
        assert {party["name"] for party in deal["parties"]} <= names, deal


def test_every_participant_in_the_file_states_consent_explicitly():
    # Consent is opt-in: a missing answer would read as no, so the file never leaves it out.
    for entry in the_data_file()["participants"]:
        assert isinstance(entry.get("consent_public"), bool), entry["name"]
    assert [p["consent_public"] for p in demo_participants()] == [
        entry["consent_public"] for entry in the_data_file()["participants"]
    ]


def test_a_participant_without_a_consent_answer_is_refused_by_the_loader():
    [first, *_] = the_data_file()["participants"]
    assert demo_data.participant_from(first)["consent_public"] is first["consent_public"]
    del first["consent_public"]
    with pytest.raises(KeyError, match="consent_public"):
        demo_data.participant_from(first)


def test_the_readme_says_the_mc_page_needs_the_password():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    # Said of the MC's page itself, not only of "the organiser's pages" earlier in the sentence.
    assert re.search(r"MC's view[^,]{0,60}password", readme), "the README says not"
