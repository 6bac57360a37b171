"""From the organiser's text to an email's two parts, safely.

The organiser writes plain text with merge fields (``{{ name }}``). It is filled in Jinja's
:class:`SandboxedEnvironment` (no attribute tricks, no imports, bounded ranges) with
``StrictUndefined``, so a misspelt field is an error shown in the preview, never a blank. The
HTML part is then *made from* the filled text: every character escaped (the organiser's words
and the participants' alike), blank lines become paragraphs, ``- `` lines lists, ``**…**``
bold, and web addresses links. No markup the organiser or a participant typed ever reaches the
HTML as markup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateSyntaxError,
    UndefinedError,
    select_autoescape,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

MAX_SUBJECT = 200
MAX_BODY = 20_000

_SANDBOX = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)
_WRAPPER = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates" / "mail" / "email"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LINK = re.compile(r"\b(https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]])")
_ITEM = re.compile(r"^\s*[-•]\s+")


TEXT_PROBLEMS = ("template_syntax", "unknown_field", "template_unsafe", "template_error")


class TextProblem(ValueError):
    """The organiser's text cannot be filled: a stable ``code`` and what Jinja said."""

    def __init__(self, code: str, detail: str, line: int | None = None):
        super().__init__(f"{code}: {detail}")
        self.code, self.detail, self.line = code, detail, line


@lru_cache(maxsize=256)
def _compiled(source: str):
    """A text compiled once: a round fills the same two texts a thousand times (compiling was
    three fifths of queueing one)."""
    return _SANDBOX.from_string(source)


def fill(source: str, fields: dict[str, str]) -> str:
    """The text with its merge fields filled in (sandboxed)."""
    try:
        return _compiled(source).render(fields).strip()
    except TemplateSyntaxError as error:
        raise TextProblem("template_syntax", error.message or "", error.lineno) from None
    except UndefinedError as error:
        # Jinja says "'kontaktperson' is undefined": the organiser needs the name only.
        said = str(error.message or "")
        name = re.match(r"'([^']+)' is undefined", said)
        field = "{{ " + name.group(1) + " }}" if name else said
        raise TextProblem("unknown_field", field) from None
    except SecurityError as error:
        raise TextProblem("template_unsafe", str(error)) from None
    except (TypeError, ValueError, ArithmeticError) as error:
        raise TextProblem("template_error", str(error)) from None


def subject_line(text: str) -> str:
    """One line, as a Subject header must be."""
    return " ".join(text.split())[:MAX_SUBJECT]


def _inline(line: str) -> Markup:
    html = str(escape(line))
    html = _BOLD.sub(r"<strong>\1</strong>", html)
    return Markup(_LINK.sub(r'<a href="\1" style="word-break:break-all">\1</a>', html))


def body_html(text: str) -> Markup:
    """The filled text as HTML: paragraphs, lists, bold and links, everything else escaped."""
    blocks = [block for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
    parts = []
    for block in blocks:
        # A lead line and its "- " lines in one block (the suggestions) are a paragraph and a list.
        for is_item, run in groupby(block.splitlines(), key=lambda line: bool(_ITEM.match(line))):
            lines = list(run)
            if is_item:
                items = "".join(f"<li>{_inline(_ITEM.sub('', line))}</li>" for line in lines)
                parts.append(f'<ul style="margin:0 0 1em 1.2em;padding:0">{items}</ul>')
            else:
                joined = "<br>\n".join(str(_inline(line)) for line in lines)
                parts.append(f'<p style="margin:0 0 1em 0">{joined}</p>')
    return Markup("\n".join(parts))


def body_text(text: str) -> str:
    """The plain-text part: the filled text without the bold marks."""
    return _BOLD.sub(r"\1", text.strip())


def wrap_html(subject: str, body: Markup, footer: list[str], links: dict[str, str], lang: str):
    """The whole HTML document of an email (a product template, autoescaped)."""
    return _WRAPPER.get_template("message.html").render(
        subject=subject, body=body, footer=footer, links=links, lang=lang
    )
