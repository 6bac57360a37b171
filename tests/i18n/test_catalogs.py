"""The two catalogs, bokmål and English, hold the same texts: every id in both, translated,
with the same placeholders, compiled or not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from shared.i18n import catalogs, translate
from tests.i18n.catalog import LANGUAGES, catalog, messages, placeholders, texts


def test_both_catalogs_hold_the_same_ids():
    nb, en = (set(messages(lang)) for lang in ("nb", "en"))
    assert nb - en == set(), "ids only in the bokmål catalog"
    assert en - nb == set(), "ids only in the English catalog"
    assert len(nb) > 250  # the reading works: today's product has about 290 texts


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_is_translated_and_none_is_fuzzy(lang):
    untranslated = [key for key, m in messages(lang).items() if not all(texts(m))]
    fuzzy = [key for key, m in messages(lang).items() if m.fuzzy]
    assert untranslated == [] and fuzzy == []
    assert not catalog(lang).fuzzy  # a fuzzy header would keep pybabel from compiling it


def test_each_text_has_the_same_placeholders_in_both_languages():
    nb, en = messages("nb"), messages("en")
    differ = {
        key: (placeholders(nb[key]), placeholders(en[key]))
        for key in nb
        if key in en and placeholders(nb[key]) != placeholders(en[key])
    }
    assert differ == {}


def test_plural_messages_are_plural_in_both_and_count_with_num_or_stand_alone():
    nb, en = messages("nb"), messages("en")
    assert {k for k, m in nb.items() if m.pluralizable} == {
        k for k, m in en.items() if m.pluralizable
    }
    for key, message in nb.items():
        if message.pluralizable:
            assert message.id == (key, key), "a plural message repeats its id as msgid_plural"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_formats_with_its_own_placeholders(lang):
    """Left-over ``{name}`` or a bare ``%`` would show as such, or fail the page."""
    for key, message in messages(lang).items():
        values = {name: "x" for name in placeholders(message)} | {"num": 2}
        for text in texts(message):
            assert "{" not in text and "}" not in text, key
            assert isinstance(text % values, str)  # a stray % sign raises


@pytest.mark.parametrize(
    ("n", "nb", "en"),
    [
        (0, "0 deltakere", "0 participants"),
        (1, "1 deltaker", "1 participant"),
        (2, "2 deltakere", "2 participants"),
        (51, "51 deltakere", "51 participants"),
    ],
)
def test_counts_take_the_plural_a_norwegian_expects(n, nb, en):
    assert translate("screen.participants", "nb", num=n) == nb
    assert translate("screen.participants", "en", num=n) == en


def test_a_missing_english_text_falls_back_to_bokmal_and_an_unknown_id_shows_itself():
    assert translate("no.such.text", "en") == "no.such.text"
    assert translate("screen.closed", "xx") == translate("screen.closed", "nb")


@pytest.fixture
def locale_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "locale"
    for lang in LANGUAGES:
        po = catalogs.po_path(lang)
        target = catalogs.po_path(lang, copy)
        target.parent.mkdir(parents=True)
        shutil.copy(po, target)
    return copy


def _retext(po: Path, key: str, text: str) -> None:
    with po.open("rb") as source:
        found = read_po(source)
    found[key].string = text
    with po.open("wb") as out:
        write_po(out, found, width=100, sort_output=False, no_location=True)


def test_a_fresh_clone_without_mo_files_reads_the_po_files(locale_copy):
    assert not list(locale_copy.rglob("*.mo"))
    assert catalogs.load("nb", locale_copy).gettext("screen.closed") == "Børsen er stengt"


def test_the_install_step_compiles_every_catalog_and_a_compiled_one_is_used(locale_copy):
    written = catalogs.compile_all(locale_copy)
    assert sorted(p.parent.parent.name for p in written) == sorted(LANGUAGES)
    po = catalogs.po_path("nb", locale_copy)
    _retext(po, "screen.closed", "Endret i .po")
    old = po.with_suffix(".mo").stat().st_mtime - 10
    os.utime(po, (old, old))  # the .mo is newer: it is the one read
    assert catalogs.load("nb", locale_copy).gettext("screen.closed") == "Børsen er stengt"


def test_a_mo_older_than_its_po_is_compiled_again_in_memory(locale_copy):
    catalogs.compile_all(locale_copy)
    po = catalogs.po_path("nb", locale_copy)
    mo = po.with_suffix(".mo")
    _retext(po, "screen.closed", "Stengt (nettopp rettet)")
    old = po.stat().st_mtime - 10
    os.utime(mo, (old, old))
    assert catalogs.load("nb", locale_copy).gettext("screen.closed") == "Stengt (nettopp rettet)"
    assert mo.stat().st_mtime == old  # nothing written at runtime
