"""``bors hub import`` as the organiser runs it (a real process), and the organiser's import
page with its preview, its mapping and its confirmation."""

from __future__ import annotations

import io
import re
from pathlib import Path

from hub.service import Hub
from tests.imports.test_importing_the_actor_sheet import FIXTURES
from tests.support.bors_command import bors


def people_in(folder: Path) -> dict[str, str]:
    hub = Hub(folder)
    try:
        return {p.name: p.status for p in hub.evening.participants.values()}
    finally:
        hub.close()


def test_a_dry_run_prints_the_mapping_and_each_row_and_stores_nothing(tmp_path):
    done = bors(
        "hub",
        "import",
        "--data",
        str(tmp_path / "hub"),
        str(FIXTURES / "nettskjema.csv"),
        "--dry-run",
    )
    assert done.returncode == 1, done.stdout + done.stderr  # row 5 is refused
    out = done.stdout
    assert "'Navn på organisasjonen' -> name" in out
    assert "row 2: would be stored, sign-up with consent, Sagene IF" in out
    assert re.search(
        r"row 5: refused, Sagene Sjakklubb: orgnr: invalid_orgnr .*email: required", out
    )
    assert "row 6: duplicate of row 2, Sagene Idrettsforening (same orgnr, email)" in out
    assert "dry run: nothing stored" in out
    assert people_in(tmp_path / "hub") == {}


def test_an_import_stores_the_good_rows_and_a_second_changes_nothing(tmp_path):
    data = str(tmp_path / "hub")
    first = bors("hub", "import", "--data", data, str(FIXTURES / "microsoft-forms.xlsx"))
    assert first.returncode == 1  # Mystery Ltd is refused
    assert "2 stored (1 sign-ups, 1 invitees), 0 duplicates, 1 refused" in first.stdout
    assert people_in(tmp_path / "hub") == {
        "Oslo Makerspace": "signed_up",
        "Sagene Housing Cooperative": "invited",
    }
    again = bors("hub", "import", "--data", data, str(FIXTURES / "microsoft-forms.xlsx"))
    assert "0 stored (0 sign-ups, 0 invitees), 2 duplicates, 1 refused" in again.stdout
    assert "duplicate of Oslo Makerspace" in again.stdout
    assert len(people_in(tmp_path / "hub")) == 2


def test_a_clean_sheet_exits_zero(tmp_path):
    clean = tmp_path / "ark.csv"
    clean.write_text(
        "Organisasjon;Sektor;E-post;Kontaktperson;Behov;Tilbud;Samtykke\n"
        "Sagene IF;Frivillig;post@sagene-if.example;Kari;Sted å være: et rom;"
        "Frivillig innsats: dugnad;Ja\n",
        encoding="utf-8",
    )
    done = bors("hub", "import", "--data", str(tmp_path / "hub"), str(clean))
    assert done.returncode == 0, done.stdout
    assert people_in(tmp_path / "hub") == {"Sagene IF": "signed_up"}


def test_a_needed_column_not_mapped_exits_two_and_map_fixes_it(tmp_path):
    sheet = tmp_path / "ark.csv"
    sheet.write_text("Hvem;Hva slags;Trenger;Gir\nSagene IF;Frivillig;Et rom;Dugnad\n")
    data = str(tmp_path / "hub")
    done = bors("hub", "import", "--data", data, str(sheet))
    assert done.returncode == 2
    assert "Not imported: no column for name, sector" in done.stdout
    mapped = bors(
        "hub",
        "import",
        "--data",
        data,
        str(sheet),
        "--map",
        "Hvem=name",
        "--map",
        "Hva slags=sector",
    )
    assert mapped.returncode == 0, mapped.stdout
    assert "'Hvem' -> name" in mapped.stdout
    # No consent column: an invitee; the category is read from the words ("et rom": premises)
    assert "invitee, no consent, Sagene IF" in mapped.stdout


def test_a_wrong_map_is_refused_before_anything_is_read(tmp_path):
    sheet = FIXTURES / "google-forms.csv"
    data = str(tmp_path / "hub")
    assert bors("hub", "import", "--data", data, str(sheet), "--map", "Mobil").returncode == 2
    wrong_field = bors("hub", "import", "--data", data, str(sheet), "--map", "Mobil=fax")
    assert wrong_field.returncode == 2 and "'fax' is not one of" in wrong_field.stdout
    no_column = bors("hub", "import", "--data", data, str(sheet), "--map", "Faks=phone")
    assert no_column.returncode == 2 and "Faks" in no_column.stdout


def test_an_unreadable_file_exits_two(tmp_path):
    junk = tmp_path / "ark.xlsx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    done = bors("hub", "import", "--data", str(tmp_path / "hub"), str(junk))
    assert done.returncode == 2 and "unreadable_sheet" in done.stdout


def test_the_import_refuses_while_a_hub_runs_on_the_folder(tmp_path, programs):
    running = programs.hub(tmp_path / "hub")
    done = bors("hub", "import", "--data", str(running.data), str(FIXTURES / "nettskjema.csv"))
    assert done.returncode == 2
    assert "in use by a running hub" in done.stdout
    assert "/participants/import" in done.stdout
    running.stop()
    assert (
        bors(
            "hub", "import", "--data", str(running.data), str(FIXTURES / "nettskjema.csv")
        ).returncode
        == 1
    )


def test_a_second_hub_on_the_same_folder_is_refused(tmp_path, programs):
    running = programs.hub(tmp_path / "hub")
    second = bors(
        "hub", "--data", str(running.data), "--port", "1", "--host", "127.0.0.1", "--no-advertise"
    )
    assert second.returncode == 2 and "one hub per data folder" in second.stderr


# --- the organiser's page ----------------------------------------------------------------------


def upload(organiser, name: str):
    content = (FIXTURES / name).read_bytes()
    return organiser.post(
        "/participants/import",
        data={"step": "upload", "sheet": (io.BytesIO(content), name)},
        content_type="multipart/form-data",
    )


def sheet_of(html: str) -> str:
    return re.search(r'name="sheet" value="([0-9a-f]{64})"', html).group(1)


def test_the_page_previews_then_stores_only_when_confirmed(hub, organiser):
    answer = upload(organiser, "nettskjema.csv")
    html = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert html.count('data-outcome="signup"') == 3
    assert 'data-outcome="refused"' in html and 'data-outcome="duplicate"' in html
    assert "Ikke et gyldig organisasjonsnummer" in html  # the reason in the organiser's words
    assert "Samme som rad 2" in html
    assert len(hub.evening.participants) == 0  # nothing before the confirmation
    sheet = sheet_of(html)
    done = organiser.post("/participants/import", data={"step": "confirm", "sheet": sheet})
    assert done.status_code == 201
    assert 'data-testid="import-done"' in done.get_data(as_text=True)
    assert len(hub.evening.participants) == 3
    # The file waited in the data folder only until it was stored
    assert not (hub.data_dir / "imports" / sheet).exists()
    again = organiser.post("/participants/import", data={"step": "confirm", "sheet": sheet})
    assert again.status_code == 409


def test_the_organiser_changes_the_mapping_in_the_preview(hub, organiser):
    html = upload(organiser, "actor-sheet.csv").get_data(as_text=True)
    sheet = sheet_of(html)
    headers = re.findall(r'<label for="map_(\d+)">([^<]+)</label>', html)
    mapping = {f"map_{i}": ("ignore" if header == "Samtykke" else "") for i, header in headers}
    shown = organiser.post(
        "/participants/import", data={"step": "preview", "sheet": sheet, **mapping}
    ).get_data(as_text=True)
    assert 'data-outcome="signup"' not in shown  # without the consent column: invitees
    organiser.post("/participants/import", data={"step": "confirm", "sheet": sheet, **mapping})
    assert {p.status for p in hub.evening.participants.values()} == {"invited"}
    assert not any(p.in_catalogue for p in hub.evening.participants.values())


def test_the_page_says_which_needed_column_is_missing(hub, organiser):
    html = upload(organiser, "google-forms.csv").get_data(as_text=True)
    sheet = sheet_of(html)
    name_column = re.search(r'<label for="map_(\d+)">Organisasjon / virksomhet<', html).group(1)
    answer = organiser.post(
        "/participants/import",
        data={"step": "confirm", "sheet": sheet, f"map_{name_column}": "ignore"},
    )
    assert answer.status_code == 422
    assert 'data-testid="import-missing"' in answer.get_data(as_text=True)
    assert len(hub.evening.participants) == 0


def test_bad_uploads_get_a_calm_answer(hub, organiser):
    none = organiser.post("/participants/import", data={"step": "upload"})
    assert none.status_code == 422
    junk = organiser.post(
        "/participants/import",
        data={"step": "upload", "sheet": (io.BytesIO(b""), "tomt.csv")},
        content_type="multipart/form-data",
    )
    assert junk.status_code == 422 and 'data-code="import_empty_sheet"' in junk.get_data(
        as_text=True
    )
    forged = organiser.post("/participants/import", data={"step": "confirm", "sheet": "../../etc"})
    assert forged.status_code == 409


def test_the_import_page_needs_the_login(hub_app):
    guest = hub_app.test_client()
    assert guest.get("/participants/import").status_code in (302, 401)
