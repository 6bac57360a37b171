"""The organiser prints name tags and posters from the hub: all, the ones not printed yet, or
one; each tag's QR code is its participant's catalogue page, whose id the door's camera reads."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.printing.reading import pages_text, qr_codes


def everyone(hub) -> list:
    return [p for p in hub.evening.participants.values() if p.status == "signed_up"]


def test_all_name_tags_name_every_participant_and_their_qr_code(seeded_organiser, seeded_hub):
    answer = seeded_organiser.get("/print/badges.pdf")
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    people = everyone(seeded_hub)
    assert answer.headers["X-Badges-Count"] == str(len(people))
    assert answer.headers["X-Badges-Cut"] == "0"
    codes = [code for page in qr_codes(answer.data) for code in page]
    assert sorted(code.rsplit("/", 1)[1] for code in codes) == sorted(p.id for p in people)
    assert all("/catalogue/" in code for code in codes)
    text = " ".join(pages_text(answer.data)).replace("\n", " ")
    assert all(word in text for p in people[:10] for word in p.name.split())


def test_printing_marks_the_tags_so_the_new_ones_are_only_the_rest(seeded_organiser, seeded_hub):
    printed = seeded_organiser.post("/print/badges.pdf", data={"which": "all", "sheet": "single"})
    assert printed.status_code == 200
    assert len(PdfReader(io.BytesIO(printed.data)).pages) == len(everyone(seeded_hub))
    assert (
        seeded_organiser.get("/print/badges.pdf?which=unprinted").headers["X-Badges-Count"] == "0"
    )
    walk_in = seeded_hub.register_participant({"name": "Nytt Kor Sagene", "sector": "voluntary"})
    fresh = seeded_organiser.get("/print/badges.pdf?which=unprinted")
    assert fresh.headers["X-Badges-Count"] == "1"
    assert qr_codes(fresh.data)[0][0].endswith(walk_in)


def test_one_name_tag_is_reprinted_on_its_own(seeded_organiser, seeded_hub):
    someone = everyone(seeded_hub)[3]
    answer = seeded_organiser.get(f"/print/badges.pdf?which=one&participant={someone.id}")
    assert answer.headers["X-Badges-Count"] == "1"
    assert qr_codes(answer.data) == [[qr_codes(answer.data)[0][0]]]
    missing = seeded_organiser.get("/print/badges.pdf?which=one&participant=nobody")
    assert missing.status_code == 404


def test_unknown_options_are_refused(seeded_organiser):
    assert seeded_organiser.get("/print/badges.pdf?sheet=a5").status_code == 400
    assert seeded_organiser.get("/print/badges.pdf?which=some").status_code == 400
    assert seeded_organiser.get("/print/posters.pdf?size=A0").status_code == 400


def test_a_guest_gets_no_name_tags(seeded_guest):
    assert seeded_guest.get("/print/badges.pdf").status_code in (302, 401, 403)
    assert seeded_guest.get("/print/posters.pdf").status_code in (302, 401, 403)


def test_posters_in_a3_say_what_each_offers_and_needs(seeded_organiser, seeded_hub):
    answer = seeded_organiser.get("/print/posters.pdf?size=A3")
    reader = PdfReader(io.BytesIO(answer.data))
    people = everyone(seeded_hub)
    assert len(reader.pages) == len(people)
    box = reader.pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 297
    first = pages_text(answer.data)[0]
    assert "Vi tilbyr" in first and "Vi trenger" in first


def test_the_participants_page_reprints_their_name_tag(seeded_organiser, seeded_hub):
    someone = everyone(seeded_hub)[5]
    page = seeded_organiser.get(f"/participants/{someone.id}").get_data(as_text=True)
    link = page.split('data-testid="reprint-badge"')[0].rsplit('href="', 1)[1].split('"')[0]
    answer = seeded_organiser.get(link.replace("&amp;", "&"))
    assert answer.headers["X-Badges-Count"] == "1"
    assert qr_codes(answer.data)[0][0].endswith(someone.id)
