"""Words on screen in Norwegian bokmål (default) and English.

One table, looked up by key, so a missing English text falls back to bokmål and a missing key
shows itself (easy to spot in a screenshot) instead of failing a page on a live evening.
"""

from __future__ import annotations

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"

MESSAGES: dict[str, dict[str, str]] = {
    # vocabulary
    "sector.business": {"nb": "Næringsliv", "en": "Business"},
    "sector.voluntary": {"nb": "Frivillig", "en": "Voluntary"},
    "sector.public": {"nb": "Offentlig", "en": "Public"},
    "sector.unknown": {"nb": "Ukjent", "en": "Unknown"},
    "category.premises": {"nb": "Sted å være", "en": "Premises"},
    "category.equipment": {"nb": "Utstyr", "en": "Equipment"},
    "category.courses": {"nb": "Kurs og foredrag", "en": "Courses and talks"},
    "category.culture": {
        "nb": "Kultur, opplevelser og aktiviteter",
        "en": "Culture, experiences and activities",
    },
    "category.volunteering": {"nb": "Frivillig innsats", "en": "Volunteering"},
    "category.expertise": {"nb": "Kompetanse og innsikt", "en": "Expertise and insight"},
    "kind.mutual": {"nb": "Gi og få", "en": "Give and take"},
    "kind.gift": {"nb": "Bare gi", "en": "Gift"},
    "kind.intent": {"nb": "Intensjonsavtale", "en": "Letter of intent"},
    # errors (codes from shared.domain.validation and the sync protocol)
    "error.required": {"nb": "Må fylles ut.", "en": "Required."},
    "error.too_long": {"nb": "For lang tekst.", "en": "Too long."},
    "error.not_text": {"nb": "Må være tekst.", "en": "Must be text."},
    "error.unknown_sector": {"nb": "Velg en sektor.", "en": "Choose a sector."},
    "error.unknown_category": {"nb": "Velg en kategori.", "en": "Choose a category."},
    "error.unknown_kind": {"nb": "Velg type avtale.", "en": "Choose a kind of deal."},
    "error.unknown_participant": {
        "nb": "Finner ikke denne deltakeren.",
        "en": "Unknown participant.",
    },
    "error.same_party_twice": {
        "nb": "Samme deltaker er valgt to ganger.",
        "en": "The same participant is chosen twice.",
    },
    "error.too_few_parties": {
        "nb": "En avtale trenger minst to parter.",
        "en": "A deal needs at least two parties.",
    },
    "error.too_many_parties": {"nb": "For mange parter.", "en": "Too many parties."},
    "error.invalid_date": {"nb": "Ugyldig dato.", "en": "Invalid date."},
    "error.invalid_email": {"nb": "Ugyldig e-postadresse.", "en": "Invalid email address."},
    "error.invalid_phone": {"nb": "Ugyldig telefonnummer.", "en": "Invalid phone number."},
    "error.invalid_time": {"nb": "Skriv tid som TT:MM.", "en": "Write the time as HH:MM."},
    "error.closes_before_opens": {
        "nb": "Slutt må være etter start.",
        "en": "Closing must be after opening.",
    },
    "error.out_of_range": {"nb": "Utenfor gyldig område.", "en": "Out of range."},
    "error.not_a_number": {"nb": "Må være et tall.", "en": "Must be a number."},
    "error.form": {
        "nb": "Noe mangler eller er feil. Se feltene merket med rødt.",
        "en": "Something is missing or wrong. See the fields marked in red.",
    },
    "error.page_title": {"nb": "Noe gikk galt", "en": "Something went wrong"},
    "error.page_text": {
        "nb": "Siden kunne ikke vises. Alt som er lagret, er fortsatt lagret.",
        "en": "The page could not be shown. Everything saved is still saved.",
    },
    "error.not_found": {"nb": "Finner ikke siden.", "en": "Page not found."},
    "error.deal_not_found": {"nb": "Finner ikke avtalen.", "en": "Deal not found."},
    # kiosk
    "kiosk.title": {"nb": "Registrer avtale", "en": "Register a deal"},
    "kiosk.party": {"nb": "Part", "en": "Party"},
    "kiosk.search_placeholder": {
        "nb": "Skriv navnet på deltakeren …",
        "en": "Type the participant's name …",
    },
    "kiosk.change": {"nb": "Bytt", "en": "Change"},
    "kiosk.walk_in": {"nb": "Ny deltaker (ikke påmeldt)", "en": "New participant (walk-in)"},
    "kiosk.walk_in_name": {"nb": "Navn på organisasjon", "en": "Organisation name"},
    "kiosk.sector": {"nb": "Sektor", "en": "Sector"},
    "kiosk.no_match": {"nb": "Ingen treff.", "en": "No match."},
    "kiosk.gives": {"nb": "Gir", "en": "Gives"},
    "kiosk.gives_placeholder": {"nb": "Hva gir denne parten?", "en": "What does this party give?"},
    "kiosk.category": {"nb": "Kategori", "en": "Category"},
    "kiosk.kind": {"nb": "Type avtale", "en": "Kind of deal"},
    "kiosk.deadline": {"nb": "Tidsfrist", "en": "Deadline"},
    "kiosk.broker": {"nb": "Børsmegler", "en": "Broker"},
    "kiosk.add_party": {"nb": "+ Legg til part", "en": "+ Add a party"},
    "kiosk.save": {"nb": "Lagre avtale", "en": "Save deal"},
    "kiosk.save_correction": {"nb": "Lagre endring", "en": "Save correction"},
    "kiosk.cancel": {"nb": "Avbryt", "en": "Cancel"},
    "kiosk.saved": {"nb": "Avtale {number} er lagret", "en": "Deal {number} is saved"},
    "kiosk.corrected": {"nb": "Avtale {number} er endret", "en": "Deal {number} is corrected"},
    "kiosk.voided": {"nb": "Avtale {number} er annullert", "en": "Deal {number} is voided"},
    "kiosk.my_deals": {"nb": "Avtaler fra dette nettbrettet", "en": "Deals from this tablet"},
    "kiosk.no_deals": {"nb": "Ingen avtaler ennå.", "en": "No deals yet."},
    "kiosk.correct": {"nb": "Endre", "en": "Correct"},
    "kiosk.void": {"nb": "Annuller", "en": "Void"},
    "kiosk.void_reason": {"nb": "Hvorfor annulleres avtalen?", "en": "Why is the deal voided?"},
    "kiosk.void_confirm": {"nb": "Annuller avtalen", "en": "Void the deal"},
    "kiosk.edit_title": {"nb": "Endre avtale {number}", "en": "Correct deal {number}"},
    "kiosk.voided_badge": {"nb": "Annullert", "en": "Voided"},
    "kiosk.corrected_badge": {"nb": "Endret", "en": "Corrected"},
    "kiosk.conflict_badge": {"nb": "Må avklares", "en": "To resolve"},
    "sync.pending": {"nb": "{n} venter på å sendes", "en": "{n} waiting to be sent"},
    "sync.all_sent": {"nb": "Alt er sendt", "en": "Everything sent"},
    "sync.online": {"nb": "Tilkoblet huben", "en": "Connected to the hub"},
    "sync.offline": {
        "nb": "Frakoblet — alt er lagret på dette nettbrettet",
        "en": "Offline — everything is saved on this tablet",
    },
    "sync.searching": {
        "nb": "Leter etter huben — alt er lagret på dette nettbrettet",
        "en": "Looking for the hub — everything is saved on this tablet",
    },
    "sync.refused": {
        "nb": "Huben avviste en sending ({code}). Alt er lagret her; kontakt arrangøren.",
        "en": "The hub refused a batch ({code}). Everything is saved here; ask the organiser.",
    },
    "sync.last_contact": {"nb": "Sist kontakt {time}", "en": "Last contact {time}"},
    "sync.never": {"nb": "Ingen kontakt ennå", "en": "No contact yet"},
    # hub
    "hub.title": {"nb": "Arrangør", "en": "Organiser"},
    "hub.deals": {"nb": "Avtaler", "en": "Deals"},
    "hub.participants": {"nb": "Deltakere", "en": "Participants"},
    "hub.settings": {"nb": "Arrangement", "en": "Event"},
    "hub.screen": {"nb": "Storskjerm", "en": "Stage screen"},
    "hub.export_xlsx": {"nb": "Last ned Excel (.xlsx)", "en": "Download Excel (.xlsx)"},
    "hub.export_csv": {"nb": "Last ned CSV", "en": "Download CSV"},
    "hub.filter": {"nb": "Filtrer", "en": "Filter"},
    "hub.all": {"nb": "Alle", "en": "All"},
    "hub.device": {"nb": "Nettbrett", "en": "Tablet"},
    "hub.number": {"nb": "Nr.", "en": "No."},
    "hub.parties": {"nb": "Parter", "en": "Parties"},
    "hub.registered": {"nb": "Registrert", "en": "Registered"},
    "hub.status": {"nb": "Status", "en": "Status"},
    "hub.no_deals": {"nb": "Ingen avtaler ennå.", "en": "No deals yet."},
    "hub.shown": {"nb": "{n} av {total} avtaler vises", "en": "Showing {n} of {total} deals"},
    "hub.name": {"nb": "Navn", "en": "Name"},
    "hub.venue": {"nb": "Sted", "en": "Venue"},
    "hub.date": {"nb": "Dato", "en": "Date"},
    "hub.opens_at": {"nb": "Børsen åpner", "en": "Opens at"},
    "hub.closes_at": {"nb": "Børsen stenger", "en": "Closes at"},
    "hub.target": {"nb": "Mål (antall avtaler)", "en": "Target (deals)"},
    "hub.save": {"nb": "Lagre", "en": "Save"},
    "hub.saved": {"nb": "Lagret.", "en": "Saved."},
    "hub.contact_person": {"nb": "Kontaktperson", "en": "Contact person"},
    "hub.email": {"nb": "E-post", "en": "Email"},
    "hub.phone": {"nb": "Telefon", "en": "Phone"},
    "hub.add_participant": {"nb": "Legg til deltaker", "en": "Add participant"},
    "hub.walk_in": {"nb": "Walk-in", "en": "Walk-in"},
    "hub.needs": {"nb": "Behov", "en": "Needs"},
    "hub.offers": {"nb": "Tilbud", "en": "Offers"},
    "hub.sync_devices": {"nb": "Nettbrett i sync", "en": "Tablets syncing"},
    # stage screen
    "screen.deals": {"nb": "avtaler", "en": "deals"},
    "screen.time_left": {"nb": "igjen", "en": "left"},
    "screen.closed": {"nb": "Børsen er stengt", "en": "The exchange is closed"},
    "screen.target": {"nb": "Mål: {n}", "en": "Target: {n}"},
    "screen.not_scheduled": {
        "nb": "Arrangementet er ikke satt opp ennå",
        "en": "The event is not set up yet",
    },
}


def translate(key: str, lang: str, **values: object) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
