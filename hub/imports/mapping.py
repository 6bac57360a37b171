"""Which column holds what: guessed from the headers organisers and form services write, in
Norwegian or English, and recognising the values they write ("Frivillig organisasjon",
"Offentlig virksomhet", "Sted å være", "Ja").

A header is folded (case, diacritics, Norwegian letters, punctuation) and matched against
keywords per field; the metadata columns of Nettskjema, Microsoft Forms and Google Forms
(submission id, times, the respondent's account) are left out. Needs and offers may come in
several columns, one per category ("Behov – Sted å være") or free.
"""

from __future__ import annotations

import re

from hub.participants.duplicates import fold_name
from shared.core.vocabulary import CATEGORIES

FIELDS = (
    "name",
    "orgnr",
    "sector",
    "contact_person",
    "email",
    "phone",
    "needs",
    "offers",
    "need_category",
    "offer_category",
    "consent",
    "show_public",
)
NEEDED = ("name", "sector")
MANY = ("needs", "offers")  # several columns may feed one field
IGNORE = "ignore"

# Checked in this order: the first field whose keyword a folded header contains wins, so the
# more specific come first ("navn pa kontaktperson" is a contact person, not a name).
KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("need_category", ("kategori behov", "behov kategori", "need category", "category of need")),
    ("offer_category", ("kategori tilbud", "tilbud kategori", "offer category")),
    ("consent", ("samtykke", "samtykker", "consent", "gdpr", "personvern", "privacy")),
    # Before the contact person: "May we show your name on the big screen?" is not a name
    (
        "show_public",
        ("vises", "vise navn", "synlig", "storskjerm", "show", "display", "visible"),
    ),
    ("email", ("e post", "epost", "email", "e mail", "mail")),
    ("phone", ("telefon", "tlf", "mobil", "phone", "mobile", "telephone")),
    (
        "contact_person",
        (
            "kontaktperson",
            "contact person",
            "contact name",
            "ditt navn",
            "your name",
            "kontakt navn",
            "fullt navn",
            "full name",
        ),
    ),
    (
        "orgnr",
        (
            "orgnr",
            "org nr",
            "organisasjonsnummer",
            "organisasjonsnr",
            "organisation number",
            "organization number",
            "org number",
            "org no",
        ),
    ),
    (
        "sector",
        (
            "sektor",
            "sector",
            "type virksomhet",
            "type organisasjon",
            "type aktor",
            "type of organisation",
            "type of organization",
            "aktortype",
        ),
    ),
    ("needs", ("behov", "trenger", "onsker", "need", "want", "looking for")),
    ("offers", ("tilbud", "tilby", "kan gi", "kan dele", "offer", "can give", "can share")),
    (
        "name",
        (
            "organisasjon",
            "virksomhet",
            "bedrift",
            "forening",
            "aktor",
            "organisation",
            "organization",
            "company",
            "business",
            "navn",
            "name",
        ),
    ),
)

# Columns a form service adds by itself: never data about the participant.
METADATA = {
    "id",
    "start time",
    "completion time",
    "last modified time",
    "starttid",
    "fullforingstid",
    "timestamp",
    "tidsmerke",
    "submission id",
    "submission_id",
    "created",
    "answer time ms",
    "innsendt",
    "svar id",
    "respondent",
    "email address",
    "e postadresse",
}
METADATA_EXACT_ACCOUNT = {"email", "name", "e post", "navn"}  # Microsoft Forms' account columns

SECTOR_WORDS = {
    "voluntary": (
        "frivillig",
        "ideell",
        "lag",
        "forening",
        "organisasjon",
        "voluntary",
        "non profit",
        "nonprofit",
        "ngo",
        "charity",
        "civil",
        "tros",
        "livssyn",
    ),
    "public": (
        "offentlig",
        "kommune",
        "kommunal",
        "bydel",
        "stat",
        "fylke",
        "etat",
        "public",
        "municipal",
        "government",
        "skole",
        "sykehjem",
        "nav",
    ),
    "business": (
        "naeringsliv",
        "naering",
        "bedrift",
        "privat",
        "firma",
        "business",
        "company",
        "private",
        "commercial",
        "as",
    ),
}
CATEGORY_WORDS = {
    "premises": (
        "sted a vaere",
        "lokale",
        "lokaler",
        "rom",
        "premises",
        "venue",
        "room",
        "place to be",
        "space",
    ),
    "equipment": ("utstyr", "materiell", "equipment", "materials", "tools"),
    "courses": (
        "kurs og foredrag",
        "kurs",
        "foredrag",
        "opplaering",
        "courses",
        "course",
        "talks",
        "lecture",
        "training",
        "workshop",
    ),
    "culture": (
        "kultur",
        "opplevelse",
        "aktivitet",
        "konsert",
        "underholdning",
        "culture",
        "experience",
        "activities",
        "entertainment",
    ),
    "volunteering": (
        "frivillig innsats",
        "dugnad",
        "frivillige",
        "hjelp",
        "volunteering",
        "volunteers",
        "helping hands",
    ),
    "expertise": (
        "kompetanse og innsikt",
        "kompetanse",
        "innsikt",
        "radgivning",
        "mentor",
        "expertise",
        "knowledge",
        "advice",
        "insight",
    ),
}
YES = {"ja", "j", "yes", "y", "x", "true", "sant", "1", "ok", "✓", "✔", "samtykker"}
NO = {"nei", "n", "no", "false", "usant", "0", "-", "ikke", "not"}
_WORDS = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    return fold_name(text).replace("_", " ")


def _has(folded: str, keyword: str) -> bool:
    return re.search(rf"(^| ){re.escape(keyword)}", folded) is not None


def guess_field(header: str) -> str:
    folded = " ".join(_WORDS.findall(fold(header)))
    if not folded or folded in METADATA or folded.lstrip("$") in METADATA:
        return IGNORE
    for field, keywords in KEYWORDS:
        if any(_has(folded, k) for k in keywords):
            return field
    return IGNORE


def category_in(text: str) -> str | None:
    """The category a header, a category cell or a "Kategori: text" prefix names."""
    folded = fold(text)
    if folded in CATEGORIES:
        return folded
    for category, words in CATEGORY_WORDS.items():
        if any(_has(folded, w) for w in words):
            return category
    return None


def guess_mapping(headers: list[str], given: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field. ``given`` (header → field, from ``--map`` or the page) wins.

    A field other than needs and offers is kept for one column: the last one guessed (a form
    service's own "Email" column comes before the question that asks for it).
    """
    given = {fold(k): v for k, v in (given or {}).items()}
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        chosen = given.get(fold(header))
        mapping[index] = chosen if chosen in (*FIELDS, IGNORE) else guess_field(header)
    for field in FIELDS:
        if field in MANY:
            continue
        columns = [i for i, f in mapping.items() if f == field]
        if len(columns) > 1:
            account = [i for i in columns if fold(headers[i]) in METADATA_EXACT_ACCOUNT]
            keep = [i for i in columns if i not in account][-1:] or columns[-1:]
            for i in columns:
                if i not in keep and fold(headers[i]) not in given:
                    mapping[i] = IGNORE
    return mapping


def missing(mapping: dict[int, str]) -> list[str]:
    return [field for field in NEEDED if field not in mapping.values()]


def sector_of(value: str) -> str | None:
    folded = fold(value)
    if folded in SECTOR_WORDS:
        return folded
    for sector, words in SECTOR_WORDS.items():
        if any(_has(folded, w) for w in words):
            return sector
    return None


def is_yes(value: str) -> bool:
    folded = fold(value)
    if not folded:
        return value.strip() in YES
    if folded in YES or folded.split()[0] in ("ja", "yes"):
        return True
    return folded.startswith(("jeg samtykker", "i agree", "i consent", "samtykker"))


def is_no(value: str) -> bool:
    """An explicit no ("Nei", "No", "false", "0"); an empty cell is not one."""
    folded = fold(value)
    if not folded:
        return value.strip() in NO
    return folded in NO or folded.split()[0] in ("nei", "no", "ikke", "not")
