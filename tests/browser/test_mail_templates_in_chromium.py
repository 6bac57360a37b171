"""The mail room's template editor in Chromium on a real ``bors hub``: the live preview
follows the typing (HTML part and plain-text part), shows a misspelt merge field as a problem,
previews as a chosen participant, and saves; bokmål and English. Screenshots go to
artifacts/mail/ (looked at by hand when the pages change)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from hub.participants import register
from hub.service import Hub
from tests.browser.conftest import ARTIFACTS
from tests.support.auth import login_page
from tests.support.evenings import SAGENE_EVENING

SHOTS = ARTIFACTS / "mail"
DESKTOP = {"width": 1280, "height": 1000}


def prepared(folder: Path) -> dict[str, str]:
    hub = Hub(folder)
    try:
        hub.schedule_evening(SAGENE_EVENING)
        return {
            "bjornholt": register.invite(
                hub,
                {
                    "name": "Bjørnholt Æsj-lag",
                    "sector": "voluntary",
                    "contact_person": "Åse Ødegård",
                    "email": "ase@bjornholt.example",
                },
            )
        }
    finally:
        hub.close()


@pytest.fixture(scope="module")
def running_hub(tmp_path_factory):
    from tests.support.processes import Programs

    base = tmp_path_factory.mktemp("mail")
    programs = Programs(base)
    try:
        ids = prepared(base / "hub")
        yield programs.hub(base / "hub"), ids
    finally:
        programs.stop_all()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_the_preview_follows_the_typing(page, running_hub):
    hub, ids = running_hub
    page.set_viewport_size(DESKTOP)
    login_page(page, hub.url)
    page.goto(f"{hub.url}/mail/templates/invitation.voluntary/nb")
    preview = page.get_by_test_id("preview-html")
    assert "Frivilligbørs Sagene" in page.get_by_test_id("preview-subject").inner_text()
    assert "uten å måtte søke tilskudd" in preview.inner_text()  # the guides' voluntary message
    shot(page, "editor-nb")

    body = page.locator("#body")
    body.fill("Hei {{ contact_person }},\n\n**Velkommen** til {{ event }} på {{ place }}, æøå!")
    expect(preview).to_contain_text("Velkommen til Frivilligbørs Sagene")
    preview = page.get_by_test_id("preview-html")
    assert preview.locator("strong").inner_text() == "Velkommen"
    assert "Sagene samfunnshus, æøå!" in preview.inner_text()
    plain = page.get_by_test_id("preview-plain")
    assert "Velkommen til" in plain.text_content() and "**" not in plain.text_content()

    body.fill("Hei {{ kontaktperson }}")
    problem = page.get_by_test_id("preview-problem")
    problem.wait_for()
    assert "Ukjent flettefelt" in problem.inner_text()
    shot(page, "editor-problem")

    body.fill("Hei {{ contact_person }} i {{ name }}")
    page.select_option("#sample", ids["bjornholt"])
    expect(page.get_by_test_id("preview-html")).to_contain_text(
        "Hei Åse Ødegård i Bjørnholt Æsj-lag"
    )
    page.get_by_role("button", name="Lagre teksten").click()
    page.get_by_text("Lagret").first.wait_for()
    page.goto(f"{hub.url}/mail/templates")
    assert "endret" in page.get_by_test_id("letter-invitation.voluntary").inner_text()


def test_the_english_text_previews_in_english(page, running_hub):
    hub, _ids = running_hub
    page.set_viewport_size(DESKTOP)
    login_page(page, hub.url)
    page.goto(f"{hub.url}/mail/templates/reminder/en?lang=en")
    assert "tomorrow" in page.get_by_test_id("preview-subject").inner_text()
    text = page.get_by_test_id("preview-html").inner_text()
    assert "See you there!" in text and "Wednesday" in text  # 25 November 2026, in English
    shot(page, "editor-en")
