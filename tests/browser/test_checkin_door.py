"""The door in Chromium: a broker checks people in by typing a few letters or by holding a
badge up to the tablet's camera, undoes a wrong tap, registers a walk-in; the hub counts them.

The camera is Chromium's fake one, playing a video made from the QR code printed on the
participant's own name tag (the hub's /print/badges.pdf), so what the page decodes (jsQR,
Debian's Chromium having no BarcodeDetector) is what the printer made.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import TimeoutError as NotSeenInTime
from pypdf import PdfReader

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, TABLET
from tests.support.processes import wait_until

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FRAME = (640, 480)


def participant(evening, name: str) -> dict:
    found = evening.kiosk_api(f"/api/participants?q={name}")["participants"]
    return next(p for p in found if p["name"] == name)


def badge_qr(evening, participant_id: str) -> Image.Image:
    """The QR code as printed on this participant's single name tag."""
    answer = evening.organiser.get(
        f"{evening.hub.url}/print/badges.pdf",
        params={"which": "one", "participant": participant_id, "sheet": "single"},
        timeout=10,
    )
    answer.raise_for_status()
    (page,) = PdfReader(io.BytesIO(answer.content)).pages
    (image,) = page.images
    return image.image.convert("L")


def y4m_of(picture: Image.Image, path: Path, frames: int = 10) -> Path:
    """A Y4M video of ``picture`` centred on white (4:2:0, grey: chroma planes all 128)."""
    frame = Image.new("L", FRAME, 255)
    side = min(FRAME) * 3 // 4
    code = picture.resize((side, side), Image.Resampling.NEAREST)
    frame.paste(code, ((FRAME[0] - side) // 2, (FRAME[1] - side) // 2))
    luma = bytes(16 + v * 219 // 255 for v in frame.tobytes())  # video range
    chroma = bytes([128]) * (FRAME[0] // 2 * FRAME[1] // 2)
    with path.open("wb") as video:
        video.write(f"YUV4MPEG2 W{FRAME[0]} H{FRAME[1]} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            video.write(b"FRAME\n" + luma + chroma + chroma)
    return path


def arrived_on_hub(evening) -> int:
    return evening.hub_api("/api/stats")["arrived"]


def test_a_badge_held_up_to_the_camera_checks_its_participant_in(
    evening, playwright_driver, tmp_path
):
    someone = participant(evening, "Tårnlia Regnskap AS")
    video = y4m_of(badge_qr(evening, someone["id"]), tmp_path / "badge.y4m")
    camera = playwright_driver.chromium.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    try:
        context = camera.new_context(viewport=TABLET, has_touch=True, locale="nb-NO")
        context.grant_permissions(["camera"])
        page = context.new_page()
        logs = []
        page.on("console", lambda m: logs.append(m.text))
        page.on("pageerror", lambda e: logs.append(str(e)))
        page.goto(evening.kiosk.url + "/checkin")
        before = arrived_on_hub(evening)
        page.locator("#scan-start").tap()
        notice = page.locator("[data-testid=checked-in]")
        try:
            notice.wait_for(timeout=15_000)
        except NotSeenInTime:
            page.screenshot(path="/tmp/checkin-camera-fail.png")
            state = page.locator("#scan-state").inner_text()
            raise AssertionError(f"no check-in from the camera: {state!r}, {logs}") from None
        assert "Tårnlia Regnskap AS" in notice.inner_text()
        page.screenshot(path="/tmp/checkin-camera.png")
        arrivals = evening.kiosk_api("/api/checkins")["arrivals"]
        assert someone["id"] in [a["participant_id"] for a in arrivals]
        # the badge stays in front of the camera: still one arrival, not a stream of them
        page.wait_for_timeout(1500)
        assert evening.kiosk_api("/api/checkins")["arrived"] == len(arrivals)
        wait_until(lambda: arrived_on_hub(evening) == before + 1, timeout=15)
        context.close()
    finally:
        camera.close()


def test_typing_a_few_letters_one_tap_already_here_and_undo(evening, page):
    page.goto(evening.kiosk.url + "/checkin")
    page.locator("#checkin-search").type("kvernb", delay=20)
    row = page.locator("[data-testid=door-item]", has_text="Kvernbakken Bakeri AS")
    row.locator("button.tap").tap()
    page.locator("[data-testid=checked-in]", has_text="Kvernbakken Bakeri AS").wait_for()
    row.locator(".here-tag").wait_for()  # the row says so at once, without a new search
    count = page.locator("[data-testid=arrived-count]").inner_text()
    page.screenshot(path="/tmp/checkin-typed.png", full_page=True)

    # typed again, on the same or another tablet: already here, nothing stored twice
    someone = participant(evening, "Kvernbakken Bakeri AS")
    again = evening.kiosk_api("/api/checkins")
    assert someone["id"] in [a["participant_id"] for a in again["arrivals"]]

    page.locator("#door-result button", has_text="Angre").tap()
    page.locator("[data-testid=undone]").wait_for()
    assert page.locator("[data-testid=arrived-count]").inner_text() != count
    row.locator("button.tap").wait_for()
    assert someone["id"] not in [
        a["participant_id"] for a in evening.kiosk_api("/api/checkins")["arrivals"]
    ]


def test_a_walk_in_at_the_door_with_consent(evening, page):
    page.goto(evening.kiosk.url + "/checkin")
    page.locator("summary", has_text="Uanmeldt").tap()
    page.fill("#walk-in-name", "Granlia Strikkeklubb")
    page.locator("label", has_text="Frivillig").first.tap()
    page.fill("#walk-in-contact_person", "Astrid Granli")
    page.fill("#walk-in-email", "astrid@example.no")
    page.locator("button", has_text="Registrer og sjekk inn").tap()
    # contact details without consent: said under the consent box, what was typed kept
    error = page.locator("#walk-in-consent-error")
    error.wait_for()
    assert page.input_value("#walk-in-email") == "astrid@example.no"
    assert page.get_attribute("input[name=consent]", "aria-describedby") == "walk-in-consent-error"
    page.locator("input[name=consent]").check()
    page.locator("button", has_text="Registrer og sjekk inn").tap()
    page.locator("[data-testid=checked-in]", has_text="Granlia Strikkeklubb").wait_for()
    page.screenshot(path="/tmp/checkin-walk-in.png", full_page=True)
    found = evening.kiosk_api("/api/participants?q=granlia strikk")["participants"]
    assert [p["name"] for p in found] == ["Granlia Strikkeklubb"]
