"""The fixed words of a frivilligbørs: sectors, categories and kinds of deal.

Codes are English and stable (they travel in events and exports); labels live in the
translation catalogs (:mod:`shared.i18n`), so the UI can speak bokmål or English.
"""

from enum import StrEnum


class Sector(StrEnum):
    BUSINESS = "business"
    VOLUNTARY = "voluntary"
    PUBLIC = "public"


class Category(StrEnum):
    PREMISES = "premises"
    EQUIPMENT = "equipment"
    COURSES = "courses"
    CULTURE = "culture"
    VOLUNTEERING = "volunteering"
    EXPERTISE = "expertise"


class DealKind(StrEnum):
    MUTUAL = "mutual"  # gi og få: both parties give something
    GIFT = "gift"  # bare gi: the first party gives, the other receives
    INTENT = "intent"  # intensjonsavtale: agree to meet again


SECTORS = tuple(Sector)
CATEGORIES = tuple(Category)
DEAL_KINDS = tuple(DealKind)
UNKNOWN_SECTOR = "unknown"


def sector_pair(first: str, second: str) -> str:
    """The unordered pair of two sectors as a stable key, e.g. ``public+voluntary``."""
    return "+".join(sorted((first, second)))


LANGUAGES = ("nb", "en")  # the product speaks bokmål first, English on request
DEFAULT_LANGUAGE = "nb"
