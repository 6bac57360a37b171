"""Words on screen in Norwegian bokmål (default) and English.

One table, looked up by key, so a missing English text falls back to bokmål and a missing key
shows itself (easy to spot in a screenshot) instead of failing a page on a live evening.
"""

from __future__ import annotations

from shared.core.vocabulary import DEFAULT_LANGUAGE, LANGUAGES  # noqa: F401 - re-exported

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
    # errors (codes from each room's rules and the sync protocol)
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
    # stage: the live screen, the MC, the organiser's stage controls, records (issue 6)
    "screen.opens_at": {"nb": "Børsen åpner kl. {time}", "en": "Opens at {time}"},
    "screen.opens_soon": {"nb": "Børsen åpner straks", "en": "Opening any moment"},
    "screen.to_gong": {"nb": "igjen til sluttgongen", "en": "to the closing gong"},
    "screen.time_up": {"nb": "Tiden er ute!", "en": "Time's up!"},
    "screen.pace": {"nb": "{n} siste {m} min", "en": "{n} in the last {m} min"},
    "screen.pace_label": {"nb": "Tempo", "en": "Pace"},
    "screen.to_target": {"nb": "{n} til målet ({target})", "en": "{n} to the target ({target})"},
    "screen.target_reached": {"nb": "Målet på {target} er nådd!", "en": "Target {target} reached!"},
    "screen.to_record": {"nb": "{n} til rekorden", "en": "{n} to beat the record"},
    "screen.record_of": {"nb": "Rekord: {n} ({name})", "en": "Record: {n} ({name})"},
    "screen.record_broken": {
        "nb": "Ny rekord! Forrige: {n}",
        "en": "New record! Previous: {n}",
    },
    "screen.no_record": {
        "nb": "Første børs – i kveld settes rekorden!",
        "en": "The first exchange – tonight sets the record!",
    },
    "screen.latest": {"nb": "Siste avtaler", "en": "Latest deals"},
    "screen.no_deals_yet": {
        "nb": "Den første avtalen kommer snart\u00a0…",
        "en": "The first deal is coming\u00a0…",
    },
    "screen.matrix": {"nb": "Mellom sektorer", "en": "Between sectors"},
    "screen.categories": {"nb": "Per kategori", "en": "By category"},
    "screen.someone.business": {"nb": "en deltaker fra næringslivet", "en": "a business"},
    "screen.someone.voluntary": {
        "nb": "en deltaker fra frivillig sektor",
        "en": "a voluntary organisation",
    },
    "screen.someone.public": {
        "nb": "en deltaker fra offentlig sektor",
        "en": "a public service",
    },
    "screen.someone.unknown": {"nb": "en deltaker", "en": "a participant"},
    "screen.late_badge": {"nb": "etter gongen", "en": "after the gong"},
    "screen.late_count": {
        "nb": "+{n} registrert etter sluttgongen",
        "en": "+{n} registered after the closing gong",
    },
    "screen.final": {"nb": "Sluttresultat", "en": "Final result"},
    "screen.qr": {"nb": "Følg tellingen på mobilen", "en": "Follow the count on your phone"},
    "screen.reconnecting": {
        "nb": "Mistet kontakt med huben – prøver igjen\u00a0…",
        "en": "Lost contact with the hub – retrying\u00a0…",
    },
    "screen.sound": {"nb": "Slå på gonglyd", "en": "Turn on the gong sound"},
    "screen.cheer_every": {"nb": "{n} avtaler!", "en": "{n} deals!"},
    "screen.cheer_target": {"nb": "Målet er nådd!", "en": "Target reached!"},
    "screen.cheer_record": {"nb": "Ny rekord!", "en": "New record!"},
    "screen.participants": {"nb": "{n} deltakere", "en": "{n} participants"},
    "screen.welcome": {"nb": "Velkommen!", "en": "Welcome!"},
    "mc.title": {"nb": "Konferansier", "en": "MC"},
    "mc.time_left": {"nb": "Tid igjen", "en": "Time left"},
    "mc.points": {"nb": "Eksempler å nevne fra scenen", "en": "Examples to name from the stage"},
    "mc.points_hint": {
        "nb": "Et tilbud som passer et behov i samme kategori, og ingen avtale mellom dem ennå.",
        "en": "An offer that fits a need in the same category, and no deal between them yet.",
    },
    "mc.offers": {"nb": "tilbyr", "en": "offers"},
    "mc.needs": {"nb": "trenger", "en": "needs"},
    "mc.not_public": {"nb": "ikke på skjerm", "en": "not on screen"},
    "mc.no_points": {"nb": "Ingen forslag akkurat nå.", "en": "No suggestions right now."},
    "controls.title": {"nb": "Scene og gong", "en": "Stage and gong"},
    "controls.phase.before": {"nb": "Børsen er ikke åpnet", "en": "Not opened yet"},
    "controls.phase.during": {"nb": "Børsen pågår", "en": "The exchange is running"},
    "controls.phase.after": {"nb": "Børsen er stengt", "en": "The exchange is closed"},
    "controls.open": {"nb": "Slå gongen – åpne børsen", "en": "Strike the gong – open"},
    "controls.reopen": {"nb": "Åpne børsen igjen", "en": "Open again"},
    "controls.close": {"nb": "Slå gongen – steng børsen", "en": "Strike the gong – close"},
    "controls.closing": {"nb": "Sluttid", "en": "Closing time"},
    "controls.move": {"nb": "Flytt sluttid", "en": "Move closing time"},
    "controls.message": {"nb": "Melding på skjermen", "en": "Message on the screen"},
    "controls.message_hint": {"nb": "f.eks. «5 minutter igjen!»", "en": "e.g. “5 minutes left!”"},
    "controls.clear": {"nb": "Fjern meldingen", "en": "Clear the message"},
    "controls.ticker": {
        "nb": "Vis siste avtaler på skjermen",
        "en": "Show the latest deals on the screen",
    },
    "controls.language": {"nb": "Språk på skjermen", "en": "Screen language"},
    "controls.public_url": {
        "nb": "Hubens adresse for QR-koden",
        "en": "The hub's address for the QR code",
    },
    "controls.public_url_hint": {
        "nb": "f.eks. http://192.168.1.10:8400 – tomt: adressen storskjermen bruker",
        "en": "e.g. http://192.168.1.10:8400 – empty: the address the screen uses",
    },
    "controls.save_screen": {"nb": "Oppdater skjermen", "en": "Update the screen"},
    "controls.qr_now": {
        "nb": "QR-koden peker nå til {url}",
        "en": "The QR code now points to {url}",
    },
    "controls.pages": {"nb": "Visninger", "en": "Views"},
    "controls.late": {
        "nb": "{n} avtaler kom inn etter sluttgongen (merket «etter gongen»).",
        "en": "{n} deals came in after the closing gong (marked “after the gong”).",
    },
    "controls.public": {"nb": "Offentlig telling (QR)", "en": "Public count (QR)"},
    "records.title": {"nb": "Tidligere børser", "en": "Earlier exchanges"},
    "records.add": {"nb": "Legg inn en tidligere børs", "en": "Add an earlier exchange"},
    "records.deals": {"nb": "Avtaler", "en": "Deals"},
    "records.participants": {"nb": "Deltakere", "en": "Participants"},
    "records.kept": {"nb": "lagret ved sluttgongen", "en": "kept at the closing gong"},
    "records.typed": {"nb": "skrevet inn", "en": "typed in"},
    "records.remove": {"nb": "Fjern", "en": "Remove"},
    "records.record": {
        "nb": "Rekorden å slå: {n} avtaler ({name})",
        "en": "The record to beat: {n} deals ({name})",
    },
    "records.none": {"nb": "Ingen tidligere børser ennå.", "en": "No earlier exchanges yet."},
    "records.this_evening": {"nb": "denne kvelden", "en": "this evening"},
    "public.title": {"nb": "Avtaler så langt", "en": "Deals so far"},
    "public.auto": {
        "nb": "Tallet oppdateres av seg selv.",
        "en": "The number updates by itself.",
    },
    "error.invalid_url": {"nb": "Ugyldig adresse.", "en": "Invalid address."},
    "screen.sector_short.business": {"nb": "Nær.", "en": "Bus."},
    "screen.sector_short.voluntary": {"nb": "Friv.", "en": "Vol."},
    "screen.sector_short.public": {"nb": "Off.", "en": "Pub."},
    "screen.category_short.culture": {"nb": "Kultur", "en": "Culture"},
    "screen.category_short.expertise": {"nb": "Kompetanse", "en": "Expertise"},
    "screen.who_is_here": {"nb": "Påmeldte deltakere", "en": "Who has signed up"},
    "screen.previous_record": {"nb": "Forrige rekord: {name}", "en": "Previous record: {name}"},
    # security: login, pairing, devices, broker lock (issue 5)
    "auth.login_title": {"nb": "Logg inn som arrangør", "en": "Organiser login"},
    "auth.password": {"nb": "Passord", "en": "Password"},
    "auth.repeat": {"nb": "Gjenta passordet", "en": "Repeat the password"},
    "auth.log_in": {"nb": "Logg inn", "en": "Log in"},
    "auth.log_out": {"nb": "Logg ut", "en": "Log out"},
    "auth.setup_title": {"nb": "Velg arrangørpassord", "en": "Choose the organiser password"},
    "auth.setup_text": {
        "nb": "Passordet beskytter deltakernes kontaktinformasjon. Minst 8 tegn.",
        "en": "The password protects participants' contact details. At least 8 characters.",
    },
    "auth.wrong_password": {"nb": "Feil passord.", "en": "Wrong password."},
    "auth.too_many_attempts": {
        "nb": "For mange forsøk. Vent et minutt.",
        "en": "Too many attempts. Wait a minute.",
    },
    "auth.passwords_differ": {"nb": "Passordene er ulike.", "en": "The passwords differ."},
    "auth.password_too_short": {
        "nb": "Passordet må ha minst {n} tegn.",
        "en": "The password needs at least {n} characters.",
    },
    "auth.login_required": {"nb": "Du må logge inn.", "en": "Please log in."},
    "auth.admin_local_only": {
        "nb": "Arrangørsidene kan bare åpnes på hub-maskinen.",
        "en": "Organiser pages open only on the hub laptop itself.",
    },
    "auth.untrusted_host": {
        "nb": "Åpne arrangørsidene med hub-maskinens adresse.",
        "en": "Open the organiser pages by the hub laptop's address.",
    },
    "pair.title": {"nb": "Koble til nettbrett", "en": "Pair a tablet"},
    "pair.hub_text": {
        "nb": "Skriv koden på nettbrettets koblingsside, eller skann QR-koden. "
        "Koden virker én gang og går ut kl. {time}.",
        "en": "Type the code on the tablet's pairing page, or scan the QR code. "
        "It works once and expires at {time}.",
    },
    "pair.new_code": {"nb": "Ny kode", "en": "New code"},
    "pair.kiosk_text": {
        "nb": "Nettbrettet må kobles til huben før det kan sende avtaler. "
        "Åpne «Koble til nettbrett» på hub-maskinen og skriv koden her.",
        "en": "This tablet must be paired with the hub before it can send deals. "
        "Open “Pair a tablet” on the hub laptop and type the code here.",
    },
    "pair.hub_url": {"nb": "Hubens adresse", "en": "The hub's address"},
    "pair.code": {"nb": "Kode", "en": "Code"},
    "pair.pin": {
        "nb": "PIN for låseskjermen (valgfri)",
        "en": "PIN for the lock screen (optional)",
    },
    "pair.submit": {"nb": "Koble til", "en": "Pair"},
    "pair.done": {"nb": "Nettbrettet er koblet til huben.", "en": "This tablet is paired."},
    "pair.failed": {"nb": "Kunne ikke koble til: {code}", "en": "Pairing failed: {code}"},
    "pair.paired_with": {"nb": "Koblet til hub {hub}", "en": "Paired with hub {hub}"},
    "devices.title": {"nb": "Nettbrett", "en": "Tablets"},
    "devices.none": {"nb": "Ingen nettbrett er koblet til.", "en": "No tablets are paired."},
    "devices.name": {"nb": "Navn", "en": "Name"},
    "devices.paired_at": {"nb": "Koblet", "en": "Paired"},
    "devices.last_seen": {"nb": "Sist sett", "en": "Last seen"},
    "devices.rename": {"nb": "Gi navn", "en": "Rename"},
    "devices.revoke": {"nb": "Trekk tilbake", "en": "Revoke"},
    "devices.revoked": {"nb": "Trukket tilbake", "en": "Revoked"},
    "devices.active": {"nb": "Aktiv", "en": "Active"},
    "sync.unpaired": {
        "nb": "Ikke koblet til huben – trykk her for å koble til",
        "en": "Not paired with the hub – tap here to pair",
    },
    "sync.revoked": {
        "nb": "Huben har trukket tilbake dette nettbrettet",
        "en": "The hub has revoked this tablet",
    },
    "sync.spoofed": {
        "nb": "Ignorerte en falsk hub på nettet ({n})",
        "en": "Ignored a hub that is not ours ({n})",
    },
    "lock.title": {"nb": "Nettbrettet er låst", "en": "This tablet is locked"},
    "lock.pin": {"nb": "PIN", "en": "PIN"},
    "lock.unlock": {"nb": "Lås opp", "en": "Unlock"},
    "lock.wrong": {"nb": "Feil PIN.", "en": "Wrong PIN."},
    "lock.wait": {"nb": "For mange forsøk. Vent litt.", "en": "Too many attempts. Wait a bit."},
    "lock.lock_now": {"nb": "Lås", "en": "Lock"},
}


# The organiser's "to resolve" page (hub/conflicts.py).
MESSAGES.update(
    {
        "conflicts.title": {"nb": "Å løse", "en": "To resolve"},
        "conflicts.intro": {
            "nb": (
                "Ingenting her er slettet eller overskrevet. Hver versjon er tatt vare på; "
                "velg hva som skal gjelde. Valget sendes til nettbrettene."
            ),
            "en": (
                "Nothing here was deleted or overwritten. "
                "Every version is kept; choose what stands. Your choice reaches the tablets."
            ),
        },
        "conflicts.none": {"nb": "Ingen konflikter. 🎉", "en": "No conflicts. 🎉"},
        "conflicts.versions": {
            "nb": "Avtalen ble endret på to nettbrett samtidig",
            "en": "The deal was changed on two tablets at once",
        },
        "conflicts.void_vs_edit": {
            "nb": "Avtalen ble annullert på ett nettbrett og rettet på et annet",
            "en": "The deal was voided on one tablet and corrected on another",
        },
        "conflicts.double_registration": {
            "nb": "Mulig dobbeltregistrering: samme parter og kategori, få minutter mellom",
            "en": "Likely registered twice: same parties and category, minutes apart",
        },
        "conflicts.walk_in": {
            "nb": "Samme walk-in lagt til på flere nettbrett",
            "en": "The same walk-in added on several tablets",
        },
        "conflicts.keep_this": {"nb": "Behold denne versjonen", "en": "Keep this version"},
        "conflicts.merge": {
            "nb": "Slå sammen feltene valgt over",
            "en": "Merge the fields chosen above",
        },
        "conflicts.void": {"nb": "Annuller avtalen", "en": "Void the deal"},
        "conflicts.keep_both": {
            "nb": "Behold alle (ulike avtaler)",
            "en": "Keep all (different deals)",
        },
        "conflicts.keep_only": {"nb": "Behold bare denne", "en": "Keep only this one"},
        "conflicts.merge_into": {"nb": "Slå sammen til denne", "en": "Merge into this one"},
        "conflicts.apart": {"nb": "Ulike deltakere", "en": "Different participants"},
        "conflicts.voided": {"nb": "annullert", "en": "voided"},
        "conflicts.device_time": {"nb": "nettbrettets klokke", "en": "tablet clock"},
        "conflicts.field": {"nb": "Felt", "en": "Field"},
        "conflicts.gone": {
            "nb": "Denne konflikten er allerede løst.",
            "en": "This conflict has already been resolved.",
        },
        "conflicts.storage": {
            "nb": "Huben får ikke skrevet til databasen (full disk?). Ingenting ble lagret.",
            "en": "The hub cannot write its database (disk full?). Nothing was saved.",
        },
    }
)


def translate(key: str, lang: str, **values: object) -> str:
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
