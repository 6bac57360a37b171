"""Importing the actor sheet, from the four shapes organisers bring (tests/imports/fixtures/,
written by make_fixtures.py): the mapping guessed from the headers, a report per row, rows
like someone in the register flagged and not stored, nothing stored before the confirmation,
and a second import of the same file changing nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.imports import plan as plans
from hub.imports.mapping import guess_mapping, is_no, is_yes, sector_of
from hub.imports.reading import UnreadableSheet, read_path, read_sheet
from hub.participants import register
from shared.participants.rules import STATUS_INVITED, STATUS_SIGNED_UP

FIXTURES = Path(__file__).parent / "fixtures"

# file -> header -> the field it must be guessed as (the columns that matter)
GUESSED = {
    "nettskjema.csv": {
        "$submission_id": "ignore",
        "$created": "ignore",
        "Navn på organisasjonen": "name",
        "Organisasjonsnummer": "orgnr",
        "Kontaktperson": "contact_person",
        "Hva trenger dere?": "needs",
        "Kategori behov": "need_category",
        "Hva kan dere tilby?": "offers",
        "Kategori tilbud": "offer_category",
        "Jeg samtykker til at Bydel Sagene lagrer opplysningene til børsen er over": "consent",
        "Kan navnet vises på storskjermen og i børskatalogen?": "show_public",
    },
    "microsoft-forms.xlsx": {
        "ID": "ignore",
        "Start time": "ignore",
        "Email": "ignore",  # the respondent's account, not the contact's address
        "Name": "ignore",
        "Organisation name": "name",
        "Organisation number": "orgnr",
        "Type of organisation": "sector",
        "Contact person": "contact_person",
        "E-mail": "email",
        "May we show your name on the big screen and in the catalogue?": "show_public",
        "I consent to the processing of the data in this form": "consent",
    },
    "google-forms.csv": {
        "Timestamp": "ignore",
        "Email Address": "ignore",
        "Organisasjon / virksomhet": "name",
        "Org.nr.": "orgnr",
        "Type aktør": "sector",
        "Navn på kontaktperson": "contact_person",
        "E-postadresse til kontaktperson": "email",
        "Mobil": "phone",
        "Samtykke": "consent",
    },
    "actor-sheet.csv": {
        "Organisasjon": "name",
        "Behov – Sted å være": "needs",
        "Behov – Utstyr": "needs",
        "Samtykke": "consent",
        "Vises offentlig": "show_public",
    },
}

# file -> (row number, what it becomes, its reasons)
OUTCOMES = {
    "nettskjema.csv": [
        (2, "signup", []),
        (3, "signup", []),
        (4, "signup", []),
        (5, "refused", ["orgnr: invalid_orgnr", "email: required"]),
        (6, "duplicate", ["orgnr", "email"]),
    ],
    "microsoft-forms.xlsx": [
        (2, "signup", []),
        (3, "invitee", []),
        (4, "refused", ["sector: unknown_sector", "offers: at_least_one"]),
    ],
    "google-forms.csv": [(2, "signup", []), (3, "signup", []), (4, "duplicate", ["name"])],
    "actor-sheet.csv": [
        (2, "signup", []),
        (3, "invitee", []),
        (4, "invitee", []),
        (5, "signup", []),
        (6, "refused", ["name: required"]),
        (7, "refused", ["email: invalid_email"]),
    ],
}


@pytest.mark.parametrize("name", sorted(GUESSED))
def test_the_mapping_is_guessed_from_the_headers(name):
    table = read_path(FIXTURES / name)
    mapping = guess_mapping(table.headers)
    guessed = {table.headers[i]: field for i, field in mapping.items()}
    for header, field in GUESSED[name].items():
        assert guessed[header] == field, header


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_each_row_is_reported_with_its_reason(hub, name):
    table = read_path(FIXTURES / name)
    result = plans.preview(hub, table, guess_mapping(table.headers))
    assert [(r.number, r.outcome, r.reasons) for r in result.rows] == OUTCOMES[name]
    assert len(hub.evening.participants) == 0  # a preview stores nothing


def test_the_shapes_are_read_whatever_their_bytes():
    nettskjema = (FIXTURES / "nettskjema.csv").read_bytes()
    assert nettskjema.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, semicolons
    assert read_path(FIXTURES / "nettskjema.csv").headers[0] == "$submission_id"
    sheet = (FIXTURES / "actor-sheet.csv").read_bytes()
    assert "Grünerløkka".encode("cp1252") in sheet  # a Norwegian Excel's Windows-1252
    assert read_path(FIXTURES / "actor-sheet.csv").rows[2][0] == "Grünerløkka Sykkel AS"
    google = read_path(FIXTURES / "google-forms.csv")  # commas, no BOM, a cell on two lines
    assert "\n" in google.rows[0][8]
    assert read_path(FIXTURES / "microsoft-forms.xlsx").kind == "xlsx"
    assert read_path(FIXTURES / "microsoft-forms.xlsx").rows[0][7] == "910000020"


@pytest.mark.parametrize(
    ("raw", "code"),
    [(b"", "empty_sheet"), (b"\n\n;;\n", "empty_sheet"), (b"PK\x03\x04broken", "unreadable_sheet")],
)
def test_a_file_that_is_no_sheet_is_refused_with_a_code(raw, code):
    with pytest.raises(UnreadableSheet) as refused:
        read_sheet(raw, "ark.csv")
    assert refused.value.code == code


def test_sign_ups_invitees_and_the_catalogue(hub):
    table = read_path(FIXTURES / "actor-sheet.csv")
    result = plans.store(hub, table, guess_mapping(table.headers))
    by_name = {p.name: p for p in hub.evening.participants.values()}
    senior, teater, korps = (
        by_name["Sagene Seniorsenter"],
        by_name["Torshov Teater"],
        by_name["Sagene Skolekorps"],
    )
    # Consent "x", and the "Vises offentlig" cell left empty: a sign-up shown in public
    assert senior.status == STATUS_SIGNED_UP and senior.in_catalogue and senior.source == "import"
    # No consent: an invitee, in the register, never in the catalogue
    assert teater.status == STATUS_INVITED and not teater.in_catalogue
    # Consent, but the column says "nei": signed up and not shown
    assert korps.status == STATUS_SIGNED_UP and not korps.in_catalogue
    assert senior.needs == [{"category": "premises", "text": "Sal til dansekveld"}]
    assert senior.offers == [{"category": "expertise", "text": "datahjelp for eldre"}]
    agreed = hub.evening.participants.consent_texts[senior.consent_text]
    assert agreed.text == "Samtykke"  # the words of the column they answered
    assert hub.contact_of(senior.id)["email"] == "liv@seniorsenter.example"
    assert result.stored and result.count("refused") == 2


def test_a_second_import_of_the_same_file_changes_nothing(hub):
    table = read_path(FIXTURES / "nettskjema.csv")
    mapping = guess_mapping(table.headers)
    plans.store(hub, table, mapping)
    head, people = hub.store.head(), len(hub.evening.participants)
    again = plans.store(hub, read_path(FIXTURES / "nettskjema.csv"), mapping)
    assert hub.store.head() == head and len(hub.evening.participants) == people == 3
    assert [r.outcome for r in again.rows] == [
        "duplicate",
        "duplicate",
        "duplicate",
        "refused",
        "duplicate",
    ]


def test_rows_like_someone_in_the_register_are_flagged(hub):
    from tests.register.conftest import OPEN, person, sign_up

    register.configure_signup(hub, OPEN)
    known = sign_up(hub, person("Røde Kors Sagene", "voluntary", "sagene@rodekors.example"))
    table = read_path(FIXTURES / "google-forms.csv")
    result = plans.preview(hub, table, guess_mapping(table.headers))
    row = next(r for r in result.rows if r.number == 3)
    assert (row.outcome, row.duplicate_of) == ("duplicate", known)
    assert set(row.reasons) == {"email", "name"}


@pytest.mark.parametrize(
    ("value", "sector"),
    [
        ("Frivillig organisasjon", "voluntary"),
        ("Frivillig lag", "voluntary"),
        ("Ideell forening", "voluntary"),
        ("Non-profit", "voluntary"),
        ("Offentlig virksomhet", "public"),
        ("Kommunal", "public"),
        ("Bydel Sagene", "public"),
        ("Næringsliv", "business"),
        ("Privat bedrift", "business"),
        ("Business", "business"),
        ("public", "public"),
        ("Alien embassy", None),
    ],
)
def test_sectors_as_organisers_write_them(value, sector):
    assert sector_of(value) == sector


@pytest.mark.parametrize(
    ("header", "category"),
    [
        ("Sted å være", "premises"),
        ("Lokaler", "premises"),
        ("Utstyr", "equipment"),
        ("Kurs og foredrag", "courses"),
        ("Kultur, opplevelser og aktiviteter", "culture"),
        ("Frivillig innsats", "volunteering"),
        ("Kompetanse og innsikt", "expertise"),
        ("Premises", "premises"),
    ],
)
def test_categories_as_organisers_write_them(header, category):
    from hub.imports.mapping import category_in

    assert category_in(header) == category


@pytest.mark.parametrize("value", ["Ja", "ja", "Yes", "x", "X", "true", "TRUE", "Jeg samtykker"])
def test_consent_says_yes(value):
    assert is_yes(value) and not is_no(value)


@pytest.mark.parametrize("value", ["", "Nei", "No", "false", "0", "kanskje"])
def test_anything_else_is_no_consent(value):
    assert not is_yes(value)


def test_an_empty_show_cell_is_no_no():
    assert not is_no("") and is_no("Nei") and is_no("no")


def test_the_forms_answers_complete_the_invitations_of_the_actor_sheet(hub):
    """The organiser imports the actor sheet first (invitees), then the form service's export:
    a row with consent from someone invited is their sign-up, under the same participant."""
    invited = register.invite(
        hub, {"name": "Sagene IF", "sector": "voluntary", "orgnr": "974760673"}
    )
    table = read_path(FIXTURES / "nettskjema.csv")
    mapping = guess_mapping(table.headers)
    shown = plans.preview(hub, table, mapping)
    assert (shown.rows[0].outcome, shown.rows[0].completes) == ("signup", invited)
    assert shown.rows[4].outcome == "duplicate"  # the second answer of Sagene IF
    stored = plans.store(hub, table, mapping)
    assert stored.rows[0].stored_as == invited
    sagene = hub.evening.participants[invited]
    assert sagene.status == STATUS_SIGNED_UP and sagene.in_catalogue
    assert hub.contact_of(invited)["email"] == "kari@sagene-if.example"
    assert sum(p.name.startswith("Sagene I") for p in hub.evening.participants.values()) == 1
    head = hub.store.head()
    plans.store(hub, read_path(FIXTURES / "nettskjema.csv"), mapping)
    assert hub.store.head() == head  # and again changes nothing
