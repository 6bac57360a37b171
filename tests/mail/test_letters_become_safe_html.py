"""The organiser's plain text with merge fields becomes the email's two parts: every character
escaped (the organiser's words and the participants' alike), paragraphs, lists, bold and
links made by the hub; a misspelt or unsafe merge field is an error, never a blank."""

from __future__ import annotations

import pytest

from hub.mail import rendering
from hub.mail.rendering import TextProblem

HOSTILE = '<script>alert("x")</script>'


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Hei", '<p style="margin:0 0 1em 0">Hei</p>'),
        ("a\nb", '<p style="margin:0 0 1em 0">a<br>\nb</p>'),
        ("**Tid:** i dag", '<p style="margin:0 0 1em 0"><strong>Tid:</strong> i dag</p>'),
        ("- en\n- to", '<ul style="margin:0 0 1em 1.2em;padding:0"><li>en</li><li>to</li></ul>'),
        (
            "Forslag:\n- en",
            '<p style="margin:0 0 1em 0">Forslag:</p>\n'
            '<ul style="margin:0 0 1em 1.2em;padding:0"><li>en</li></ul>',
        ),
        (
            "Se https://hub.example/signup.",
            '<p style="margin:0 0 1em 0">Se <a href="https://hub.example/signup" '
            'style="word-break:break-all">https://hub.example/signup</a>.</p>',
        ),
        ("<b>æøå</b> & co", '<p style="margin:0 0 1em 0">&lt;b&gt;æøå&lt;/b&gt; &amp; co</p>'),
    ],
)
def test_text_becomes_html(text, html):
    assert str(rendering.body_html(text)) == html


def test_a_participants_name_is_text_in_both_parts():
    filled = rendering.fill("Hei {{ name }}", {"name": HOSTILE})
    assert HOSTILE in rendering.body_text(filled)  # the plain part is the text as it is
    html = str(rendering.body_html(filled))
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("Hei {{ nam }}", "unknown_field"),
        ("Hei {{ name ", "template_syntax"),
        ("{{ name.__class__.__mro__ }}", "template_unsafe"),
        ("{{ ''.__class__ }}", "template_unsafe"),
    ],
)
def test_a_broken_text_is_an_error_with_a_code(source, code):
    with pytest.raises(TextProblem) as problem:
        rendering.fill(source, {"name": "Sagene IF"})
    assert problem.value.code == code


def test_the_unknown_field_is_named_for_the_organiser():
    with pytest.raises(TextProblem) as problem:
        rendering.fill("Hei {{ kontaktperson }}", {"name": "x"})
    assert problem.value.detail == "{{ kontaktperson }}"
