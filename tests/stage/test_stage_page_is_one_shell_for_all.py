"""The stage page's shell is the same bytes for every viewer of the same board, with an ETag,
and no session or CSRF token of its own (issue 11, benchmarks: it was the slowest answer under
300 viewers)."""

from __future__ import annotations

from tests.support.deals import one_of, register


def test_every_viewer_gets_the_same_shell_and_a_304_when_it_has_it(seeded_app, seeded_hub):
    first, second = seeded_app.test_client(), seeded_app.test_client()
    a, b = first.get("/screen"), second.get("/screen")
    assert a.status_code == b.status_code == 200
    assert a.get_data() == b.get_data()  # nothing per viewer in it
    assert "Set-Cookie" not in a.headers and 'name="csrf-token"' not in a.get_data(as_text=True)
    etag = a.headers["ETag"]
    assert etag and a.headers["Cache-Control"] == "no-cache"

    again = first.get("/screen", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["X-Hub-Time"]  # the clock still travels with a 304

    register(seeded_hub, one_of(seeded_hub, "voluntary"), one_of(seeded_hub, "public"))
    changed = first.get("/screen", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag


def test_an_english_screen_is_a_shell_of_its_own(seeded_app):
    client = seeded_app.test_client()
    norwegian, english = client.get("/screen"), client.get("/screen?lang=en")
    assert norwegian.headers["ETag"] != english.headers["ETag"]
    assert 'lang="en"' in english.get_data(as_text=True)
