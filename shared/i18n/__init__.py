"""Words on screen in Norwegian bokmål (default) and English, from gettext catalogs.

Every text has a symbolic id (``screen.closed``) that is the msgid in both
``locale/<lang>/LC_MESSAGES/messages.po``, so a missing translation can be found (tests/i18n).
Placeholders are gettext's ``%(name)s``, which Jinja's newstyle gettext fills in. A plural
message repeats its id as ``msgid_plural`` and counts with ``%(num)s``: in a template
``ngettext('screen.participants', 'screen.participants', n)``, in Python
``translate('screen.participants', lang, num=n)``.

:func:`translate` is the one entry point for Python code (views, exports, later emails and
PDFs); the web apps bind the same catalogs to Jinja per request (:mod:`shared.web`). Dates and
numbers are written the way each language's readers expect, by Babel.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import format_currency, format_decimal
from babel.support import Translations

from shared.core.vocabulary import DEFAULT_LANGUAGE, LANGUAGES
from shared.i18n import catalogs

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "format_date",
    "format_number",
    "translate",
    "translations",
]

# Where each language's dates and numbers come from. English readers of this product are at a
# Norwegian venue: day before month, as in British English, never the American mm/dd/yyyy.
LOCALES = {"nb": "nb_NO", "en": "en_GB"}


@cache
def translations(lang: str) -> Translations:
    """One language's catalog. A text missing in English falls back to bokmål, and one missing
    in both shows its id (easy to spot in a screenshot) instead of failing a page."""
    if lang not in LANGUAGES:
        return translations(DEFAULT_LANGUAGE)
    found = catalogs.load(lang)
    if lang != DEFAULT_LANGUAGE:
        found.add_fallback(translations(DEFAULT_LANGUAGE))
    return found


def translate(key: str, lang: str, **values: object) -> str:
    """The text of ``key`` in ``lang`` with ``values`` filled in.

    A plural message picks its form by ``num``, the count, as Jinja's ``ngettext`` does.
    """
    catalog = translations(lang)
    if "num" in values:
        text = catalog.ngettext(key, key, int(values["num"]))  # type: ignore[arg-type]
    else:
        text = catalog.gettext(key)
    return text % values


@cache
def locale_of(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def format_date(value: dt.date | str | None, lang: str, format: str = "short") -> str:
    """A date as its readers write it (``26.02.2027``); an ISO string is read first, and
    anything that is not a date is shown as it is rather than failing the page."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone()
    return babel_format_date(value, format=format, locale=locale_of(lang))


def format_number(value: float | int | None, lang: str) -> str:
    """A number with the language's digit grouping and decimal sign (nb: ``1 000``)."""
    if value is None or value == "":
        return ""
    return format_decimal(value, locale=locale_of(lang))


def format_kroner(value: int, lang: str) -> str:
    """Whole kroner as the language writes money (nb ``1 250 000 kr``, en ``NOK1,250,000``):
    the locale's own currency pattern, without the øre nobody estimates."""
    pattern = copy.copy(locale_of(lang).currency_formats["standard"])
    pattern.frac_prec = (0, 0)
    return format_currency(
        value, "NOK", format=pattern, locale=locale_of(lang), currency_digits=False
    )
