"""Believable, entirely fictional data for a demo evening and for tests.

A frivilligbørs only makes sense with a full room: businesses, voluntary organisations and public
services that each bring needs and offers, many of which fit together. The demo evening (the MC's
"example matches", the catalogue, the live screen, a pre-filled deal list) and the tests need such
a room without anyone typing it in, and without real people's personal data.

Everything here is made up: the organisations, the places they are named after, the contact
persons, the e-mail addresses (only on the reserved domains example.no, example.org and
example.com) and the phone numbers. Any likeness to a real organisation or person is accidental.

The module is pure and deterministic: no I/O, no randomness. Every call returns fresh lists and
dicts, so callers may change what they get without affecting the next call.
"""

from __future__ import annotations

DEMO_EVENT: dict = {
    "name": "Frivilligbørs Nordre Aker 2026",
    "venue": "Kvernbakken kulturhus, storsalen",
    "date": "2026-10-15",
    "opens_at": "17:45",
    "closes_at": "18:45",
    "target": 90,
}

# Category codes, spelled out once so the table below stays readable.
_PREM = "premises"  # Sted å være
_EQUIP = "equipment"  # Utstyr
_COURSE = "courses"  # Kurs og foredrag
_CULT = "culture"  # Kultur, opplevelser og aktiviteter
_VOL = "volunteering"  # Frivillig innsats
_EXP = "expertise"  # Kompetanse og innsikt

_EMAIL_DOMAIN = {"business": "example.com", "voluntary": "example.org", "public": "example.no"}

_LONG_VOLUNTARY = "Foreningen for Barn og Unges Fritidsaktiviteter i Bydel Nordre Aker og Omegn"
_LONG_PUBLIC = (
    "Kvernbakken og Tårnlia Seniorsenter, Dagaktivitetstilbud og Besøkstjeneste for "
    "Hjemmeboende Eldre"
)

# (name, sector, contact person, consent_public, needs, offers); needs and offers are
# (category, text) pairs. Many needs are written to fit an offer of someone else in the same
# category, so matching has something real to find.
_PARTICIPANTS: tuple[tuple, ...] = (
    # --- Næringsliv -------------------------------------------------------------------------
    (
        "Kvernbakken Bakeri AS",
        "business",
        "Ingrid Solheim",
        True,
        ((_EXP, "Innsikt fra ungdom om nye produkter i butikken"),),
        (
            (_COURSE, "Bakekurs for 12 barn en lørdag"),
            (_EQUIP, "Overskuddsbrød til arrangementer hver fredag"),
        ),
    ),
    (
        "Tårnlia Regnskap AS",
        "business",
        "Henrik Bakken",
        True,
        ((_CULT, "Teambuilding-aktivitet for 15 ansatte"),),
        (
            (_EXP, "Hjelp med årsregnskap for små foreninger"),
            (_COURSE, "Kurs i budsjett og regnskap for frivillige styrer"),
        ),
    ),
    (
        "Lindeløkka Elektro AS",
        "business",
        "Marius Haugen",
        True,
        (
            (_COURSE, "Førstehjelpskurs for 10 ansatte"),
            (_CULT, "Underholdning på firmafesten i desember"),
        ),
        (
            (_EQUIP, "Låne lyd- og lysanlegg til konserter og forestillinger"),
            (_EXP, "Sjekk av det elektriske anlegget i klubbhus"),
        ),
    ),
    (
        "Bekkelia Eiendom AS",
        "business",
        "Silje Andersen",
        True,
        (
            (_VOL, "Frivillige til ryddedugnad i nabolaget"),
            (_EXP, "Innsikt fra eldre om universell utforming"),
        ),
        (
            (_PREM, "Ledig kontorlokale på 40 kvm i et halvt år"),
            (_PREM, "Låne bakgården til sommerfest"),
        ),
    ),
    (
        "Myrholt Sport og Fritid AS",
        "business",
        "Jonas Berg",
        True,
        (
            (_EXP, "Innsikt fra ungdom om hva de ønsker seg av fritidsutstyr"),
            (_VOL, "Hjelp til å arrangere skirenn for barn"),
        ),
        (
            (_EQUIP, "Låne ski og skøyter til aktivitetsdag"),
            (_EQUIP, "Brukte fotballer og treningsvester"),
        ),
    ),
    (
        "Furulund Trykkeri AS",
        "business",
        "Camilla Dahl",
        True,
        (
            (_CULT, "Konsertbilletter til ansatte"),
            (_COURSE, "Foredrag om inkludering på arbeidsplassen"),
        ),
        (
            (_EQUIP, "Trykking av 200 plakater"),
            (_EXP, "Hjelp med design av logo og plakat"),
        ),
    ),
    (
        "Nordskogen Rørlegger AS",
        "business",
        "Erik Lunde",
        True,
        (
            (_COURSE, "Kurs i hjerte- og lungeredning for ansatte"),
            (_CULT, "Aktivitet for ansatte sammen med en frivillig organisasjon"),
        ),
        (
            (_VOL, "To ansatte på dugnad én dag i året"),
            (_EXP, "Råd om vedlikehold av eldre bygg"),
        ),
    ),
    (
        "Kvernbakken Kafé og Catering AS",
        "business",
        "Nora Strand",
        True,
        (
            (_CULT, "Unge musikere som vil spille på fredager"),
            (_EXP, "Hjelp til å nå ut til ungdom i sosiale medier"),
        ),
        (
            (_PREM, "Kafélokalet til møter mandag kveld"),
            (_CULT, "Scene for unge artister en kveld i måneden"),
        ),
    ),
    (
        "Granlia Bilverksted AS",
        "business",
        "Ole Kristiansen",
        True,
        (
            (_COURSE, "Kurs i konfliktdemping for ansatte"),
            (_EXP, "Innsikt i hvordan vi når unge lærlinger"),
        ),
        (
            (_VOL, "Kjørehjelp til sommertur for sykehjemsbeboere"),
            (_EQUIP, "Låne varebil til transport av utstyr"),
        ),
    ),
    (
        "Tårnlia Tannklinikk AS",
        "business",
        "Hanne Moen",
        True,
        ((_CULT, "Fellesaktivitet for ansatte en kveld"),),
        (
            (_COURSE, "Foredrag om tannhelse for småbarnsforeldre"),
            (_VOL, "Tannpuss-opplegg på aktivitetsdag for barn"),
        ),
    ),
    (
        "Solbergli Data og IT AS",
        "business",
        "Anders Johansen",
        True,
        (
            (_VOL, "Frivillige som vil teste en ny app"),
            (_EXP, "Innsikt fra eldre om bruk av nettbank"),
        ),
        (
            (_EQUIP, "Ti brukte bærbare PC-er"),
            (_COURSE, "Kurs i digital sikkerhet for seniorer"),
        ),
    ),
    (
        "Lindeløkka Blomster",
        "business",
        "Marte Eriksen",
        True,
        (
            (_CULT, "Musikk ved åpningen av ny butikk"),
            (_PREM, "Plass til julegransalg i desember"),
        ),
        (
            (_EQUIP, "Blomster og pynt til arrangementer"),
            (_COURSE, "Kurs i blomsterbinding"),
        ),
    ),
    (
        "Bekkelia Advokatfirma AS",
        "business",
        "Thomas Larsen",
        True,
        ((_CULT, "Teambuilding: delta på aktivitet hos en frivillig organisasjon"),),
        (
            (_EXP, "Fem timer gratis juridisk rådgivning for foreninger"),
            (_COURSE, "Foredrag om personvern og GDPR for lag og foreninger"),
            (_VOL, "Ansatte som vil være besøksvenn"),
        ),
    ),
    (
        "Furulund Byggevare AS",
        "business",
        "Kristian Pedersen",
        True,
        (
            (_COURSE, "Førstehjelpskurs for butikkansatte"),
            (_EXP, "Innsikt fra frivillige om hva lag og foreninger trenger"),
        ),
        (
            (_EQUIP, "Maling og pensler til oppussing"),
            (_EQUIP, "Verktøy til utlån for dugnader"),
        ),
    ),
    (
        "Myrholt Treningssenter AS",
        "business",
        "Ida Nilsen",
        True,
        (
            (_EXP, "Innsikt fra seniorer om trening"),
            (_COURSE, "Kurs i psykisk helse for instruktører"),
        ),
        (
            (_CULT, "Gratis treningsuke for 20 ungdommer"),
            (_PREM, "Treningssal søndag formiddag"),
        ),
    ),
    (
        "Granlia Reklamebyrå AS",
        "business",
        "Sofie Hansen",
        True,
        (
            (_CULT, "Guidet tur for ansatte"),
            (_PREM, "Lokale til sommerfest for 40 personer"),
        ),
        (
            (_EXP, "Hjelp med markedsføring i sosiale medier"),
            (_EXP, "Hjelp med ny nettside"),
            (_COURSE, "Foredrag om markedsføring for foreninger"),
        ),
    ),
    (
        "Nordskogen Hotell AS",
        "business",
        "Lars Olsen",
        True,
        (
            (_VOL, "Frivillige til julemiddag for dem som ellers er alene"),
            (_CULT, "Kor som kan synge i lobbyen i desember"),
        ),
        (
            (_PREM, "Konferanserom for 60 personer en kveld"),
            (_EQUIP, "Brukt sengetøy og håndklær"),
        ),
    ),
    (
        "Kvernbakken Optikk AS",
        "business",
        "Emilie Jensen",
        False,
        ((_CULT, "Kunst fra lokale barn i butikkvinduet"),),
        (
            (_EXP, "Synstest for beboere på sykehjem"),
            (_COURSE, "Foredrag om syn og trafikksikkerhet"),
        ),
    ),
    (
        "Solbergli Snekkerverksted AS",
        "business",
        "Petter Halvorsen",
        True,
        (
            (_EXP, "Innsikt fra ungdom om yrkesvalg"),
            (_CULT, "Guidet tur i marka for ansatte"),
        ),
        (
            (_VOL, "Snekkerhjelp til å bygge gapahuk"),
            (_EQUIP, "Restmaterialer av treverk"),
        ),
    ),
    (
        "Tårnlia Dagligvare AS",
        "business",
        "Julie Karlsen",
        True,
        (
            (_CULT, "Musikkinnslag ved butikkens jubileum"),
            (_PREM, "Plass til innsamlingsaksjon utenfor butikken"),
        ),
        (
            (_EQUIP, "Kaffe og frukt til dugnader"),
            (_VOL, "Ansatte som besøksvenner en time i uka"),
        ),
    ),
    # --- Frivillig sektor -------------------------------------------------------------------
    (
        "Kvernbakken Idrettslag",
        "voluntary",
        "Bjørn Aas",
        True,
        (
            (_PREM, "Lokale til styremøter en kveld i måneden"),
            (_COURSE, "Førstehjelpskurs for 10 trenere"),
            (_EQUIP, "Låne partytelt til klubbdagen"),
        ),
        (
            (_VOL, "Frivillige til rydding etter arrangementer"),
            (_CULT, "Gratis prøvetrening for ansatte"),
        ),
    ),
    (
        "Tårnlia Skolekorps",
        "voluntary",
        "Kari Vik",
        True,
        (
            (_PREM, "Øvingslokale tirsdag kveld"),
            (_EQUIP, "Låne varebil til transport av instrumenter"),
        ),
        (
            (_CULT, "Korpsmusikk ved åpninger og jubileer"),
            (_CULT, "Julekonsert på sykehjem"),
        ),
    ),
    (
        "Lindeløkka Seniordans",
        "voluntary",
        "Reidun Holm",
        True,
        (
            (_PREM, "Sal med godt gulv til dans på formiddagen"),
            (_EQUIP, "Låne lydanlegg"),
        ),
        (
            (_CULT, "Dansekurs for ansatte som teambuilding"),
            (_VOL, "Besøksvenner til hjemmeboende eldre"),
        ),
    ),
    (
        _LONG_VOLUNTARY,
        "voluntary",
        "Trond Sæther",
        True,
        (
            (_EQUIP, "Låne ski og skøyter til aktivitetsdag"),
            (_EXP, "Hjelp med søknadsskriving"),
            (_PREM, "Gymsal en søndag i måneden"),
        ),
        (
            (_VOL, "Frivillige voksne til aktivitetsdager"),
            (_CULT, "Aktivitetsdag for barn i vinterferien"),
        ),
    ),
    (
        "Bekkelia Førstehjelpslag",
        "voluntary",
        "Morten Sandvik",
        True,
        (
            (_PREM, "Lager til førstehjelpsutstyr"),
            (_EQUIP, "Låne varebil til sanitetsvakter"),
        ),
        (
            (_COURSE, "Førstehjelpskurs for inntil 15 personer"),
            (_COURSE, "Kurs i hjerte- og lungeredning"),
        ),
    ),
    (
        "Myrholt Sanitetsforening",
        "voluntary",
        "Grethe Lie",
        True,
        (
            (_EQUIP, "Vaffeljern og kaffetrakter"),
            (_PREM, "Lokale til strikkekafé annenhver onsdag"),
        ),
        (
            (_VOL, "Kaffe og vafler på arrangementer"),
            (_COURSE, "Foredrag om hvordan eldre kan unngå fall"),
        ),
    ),
    (
        "Furulund Velforening",
        "voluntary",
        "Arne Fossum",
        True,
        (
            (_EQUIP, "Verktøy og maling til vårdugnaden"),
            (_VOL, "Flere hender på ryddedugnad i parken"),
        ),
        (
            (_PREM, "Velhuset til utlån for møter og bursdager"),
            (_CULT, "Sommerfest i parken for hele nabolaget"),
        ),
    ),
    (
        "Granlia Leksehjelp",
        "voluntary",
        "Amina Hussain",
        True,
        (
            (_EQUIP, "Brukte bærbare PC-er til elever"),
            (_PREM, "Rom med nettverk til leksehjelp"),
            (_VOL, "Frivillige med realfagsbakgrunn"),
        ),
        (
            (_VOL, "Leksehjelp to kvelder i uka"),
            (_EXP, "Innsikt fra ungdom om digitale vaner"),
        ),
    ),
    (
        "Nordskogen Turlag",
        "voluntary",
        "Eirik Brekke",
        True,
        (
            (_EQUIP, "Restmaterialer til å bygge gapahuk"),
            (_COURSE, "Kurs i førstehjelp i friluft"),
        ),
        (
            (_CULT, "Guidet tur i marka for ansatte"),
            (_VOL, "Turfølge for beboere på sykehjem"),
        ),
    ),
    (
        "Solbergli Kor",
        "voluntary",
        "Astrid Nygaard",
        True,
        (
            (_PREM, "Øvingslokale med piano torsdag kveld"),
            (_EXP, "Hjelp med markedsføring av konserter"),
        ),
        (
            (_CULT, "Kor som synger på julebord og i lobbyer"),
            (_CULT, "Allsang på sykehjem"),
        ),
    ),
    (
        "Kvernbakken Frivilligsentral",
        "voluntary",
        "Hilde Aamodt",
        True,
        (
            (_EXP, "Hjelp med ny nettside"),
            (_CULT, "Kulturinnslag til frivillighetsfesten"),
        ),
        (
            (_VOL, "Formidling av besøksvenner og turvenner"),
            (_COURSE, "Foredrag om hvordan starte en organisasjon"),
        ),
    ),
    (
        "Tårnlia Sjakklubb",
        "voluntary",
        "Sindre Myhre",
        True,
        (
            (_PREM, "Fast spillelokale onsdager"),
            (_EQUIP, "Bord og stoler til turnering"),
        ),
        (
            (_COURSE, "Sjakkurs for barn og eldre"),
            (_CULT, "Sjakkturnering for ansatte"),
        ),
    ),
    (
        "Lindeløkka Kvinnenettverk",
        "voluntary",
        "Fatima Ali",
        True,
        (
            (_PREM, "Kjøkken til matlagingskurs"),
            (_COURSE, "Kurs i CV-skriving og norsk arbeidsliv"),
        ),
        (
            (_COURSE, "Matlagingskurs med mat fra hele verden"),
            (_EXP, "Innsikt fra innvandrerkvinner til nye tjenester"),
        ),
    ),
    (
        "Bekkelia Ungdomsteater",
        "voluntary",
        "Vilde Rønning",
        True,
        (
            (_PREM, "Scene til forestilling i mai"),
            (_EQUIP, "Lyd- og lysutstyr til forestilling"),
            (_EXP, "Hjelp med design av plakat"),
        ),
        (
            (_CULT, "Teaterforestilling for barnehager"),
            (_CULT, "Konferansier og underholdning til arrangementer"),
        ),
    ),
    (
        "Myrholt Sykkelverksted",
        "voluntary",
        "Håkon Lindberg",
        True,
        (
            (_EQUIP, "Verktøy og reservedeler til sykler"),
            (_PREM, "Lagerplass til 30 sykler"),
        ),
        (
            (_VOL, "Reparasjon av sykler for barn og unge"),
            (_COURSE, "Kurs i sykkelreparasjon"),
        ),
    ),
    (
        "Furulund Hagelag",
        "voluntary",
        "Solveig Thorsen",
        True,
        (
            (_EQUIP, "Hageredskaper og jord"),
            (_EXP, "Hjelp med årsregnskap og søknad om tilskudd"),
        ),
        (
            (_VOL, "Hjelp med planting i sansehage"),
            (_COURSE, "Kurs i dyrking på balkongen"),
        ),
    ),
    (
        "Granlia Pensjonistforening",
        "voluntary",
        "Odd Gundersen",
        False,
        (
            (_COURSE, "Kurs i digital sikkerhet og nettbank"),
            (_CULT, "Teaterforestilling eller konsert for medlemmene"),
        ),
        (
            (_VOL, "Lesevenner for barn på biblioteket"),
            (_EXP, "Innsikt fra seniorer til nye tjenester"),
        ),
    ),
    (
        "Nordskogen Speidergruppe",
        "voluntary",
        "Magnus Ødegård",
        True,
        (
            (_PREM, "Lagerplass til telt og leirutstyr"),
            (_EQUIP, "Låne varebil til leirtransport"),
            (_COURSE, "Førstehjelpskurs for ledere"),
        ),
        (
            (_VOL, "Speidere på dugnad en lørdag"),
            (_CULT, "Bålkveld med pinnebrød for barnehager"),
        ),
    ),
    (
        "Solbergli Samtalegruppe for psykisk helse",
        "voluntary",
        "Line Evensen",
        False,
        (
            (_PREM, "Rolig rom til samtalegrupper"),
            (_CULT, "Fellesaktivitet for deltakerne"),
        ),
        (
            (_COURSE, "Foredrag om psykisk helse på arbeidsplassen"),
            (_VOL, "Samtalevenner"),
        ),
    ),
    (
        "Kvernbakken Foreldrenettverk",
        "voluntary",
        "Stian Berntsen",
        True,
        (
            (_COURSE, "Foredrag om ungdom og rus"),
            (_PREM, "Lokale til foreldremøter"),
        ),
        (
            (_VOL, "Natteravner fredagskveld"),
            (_EXP, "Innsikt fra foreldre i nabolaget"),
        ),
    ),
    # --- Offentlige tjenester ---------------------------------------------------------------
    (
        "Kvernbakken bibliotek",
        "public",
        "Randi Sørensen",
        True,
        (
            (_VOL, "Lesevenner for barn"),
            (_COURSE, "Kurs i digital sikkerhet for ansatte"),
        ),
        (
            (_PREM, "Møterom for lag og foreninger på kveldstid"),
            (_CULT, "Forfatterbesøk og lesestunder"),
        ),
    ),
    (
        "Tårnlia sykehjem",
        "public",
        "Gunnar Dalen",
        True,
        (
            (_VOL, "Kjørehjelp til sommertur med beboere"),
            (_CULT, "Julekonsert for beboerne"),
            (_VOL, "Turfølge for beboere"),
        ),
        (
            (_PREM, "Kantinen til møter etter klokka 17"),
            (_COURSE, "Foredrag om demens for frivillige"),
        ),
    ),
    (
        "Lindeløkka ungdomsklubb",
        "public",
        "Sara Mathisen",
        True,
        (
            (_VOL, "Leksehjelpere to kvelder i uka"),
            (_CULT, "Gratis treningstilbud for ungdom"),
        ),
        (
            (_PREM, "Klubblokalet på dagtid"),
            (_EXP, "Innsikt fra ungdom ved utvikling av nye tjenester"),
        ),
    ),
    (
        "Bekkelia helsestasjon",
        "public",
        "Tone Hagen",
        True,
        (
            (_EQUIP, "Leker og puslespill til venterommet"),
            (_CULT, "Aktivitet for nyankomne familier"),
        ),
        (
            (_COURSE, "Foredrag om søvn og småbarn"),
            (_EXP, "Innsikt fra småbarnsforeldre"),
        ),
    ),
    (
        "Myrholt skole",
        "public",
        "Per Ivar Knutsen",
        True,
        (
            (_VOL, "Natteravner i helgene"),
            (_COURSE, "Kurs i konfliktdemping for foreldre"),
        ),
        (
            (_PREM, "Gymsal på kveldstid og i helgene"),
            (_EQUIP, "Bord og stoler til utlån"),
        ),
    ),
    (
        "Furulund barnehage",
        "public",
        "Marianne Bjerke",
        True,
        (
            (_CULT, "Teaterforestilling for barna"),
            (_CULT, "Bålkveld i skogen"),
        ),
        (
            (_EXP, "Innsikt fra småbarnsforeldre om fritidstilbud"),
            (_PREM, "Uteområdet i helgene til arrangementer"),
        ),
    ),
    (
        _LONG_PUBLIC,
        "public",
        "Elisabeth Wold",
        True,
        (
            (_COURSE, "Kurs i nettbrett og nettbank for seniorer"),
            (_VOL, "Besøksvenner til hjemmeboende eldre"),
        ),
        (
            (_PREM, "Seniorsenteret på kveldstid for foreninger"),
            (_PREM, "Sal med godt gulv på formiddagen"),
        ),
    ),
    (
        "Arbeids- og inkluderingstjenesten Granlia",
        "public",
        "Kjetil Strøm",
        True,
        ((_EXP, "Bedrifter som kan fortelle unge jobbsøkere om sine yrker"),),
        (
            (_COURSE, "Kurs i CV-skriving og jobbsøking"),
            (_EXP, "Veiledning om arbeidstrening og lærlingplasser"),
        ),
    ),
    (
        "Nordskogen frisklivssentral",
        "public",
        "Anne Lise Bråten",
        True,
        (
            (_PREM, "Sal til seniortrim"),
            (_EQUIP, "Treningsutstyr til seniortrim"),
        ),
        (
            (_COURSE, "Kurs i mestring av stress"),
            (_CULT, "Turgruppe for nybegynnere"),
        ),
    ),
    (
        "Kulturkontoret i Solbergli",
        "public",
        "Jan Erik Rød",
        True,
        (
            (_CULT, "Lokale kulturinnslag til bydelsdagen"),
            (_VOL, "Frivillige til bydelsdagen"),
        ),
        (
            (_EQUIP, "Låne scene og PA-anlegg"),
            (_EXP, "Hjelp med søknader om kulturmidler"),
        ),
    ),
    (
        "Tårnlia flyktningtjeneste",
        "public",
        "Nina Abdi",
        True,
        (
            (_VOL, "Språkvenner for nyankomne"),
            (_COURSE, "Matlagingskurs for nyankomne familier"),
        ),
        (
            (_EXP, "Innsikt i integrering og språkopplæring"),
            (_PREM, "Møterom i dagtid"),
        ),
    ),
    (
        "Lindeløkka hjemmetjeneste",
        "public",
        "Berit Helland",
        True,
        (
            (_VOL, "Besøksvenner til hjemmeboende eldre"),
            (_CULT, "Konserter og allsang for eldre"),
        ),
        (
            (_COURSE, "Foredrag om demens og eldre"),
            (_EXP, "Råd om hjelpemidler i hjemmet"),
        ),
    ),
    (
        "Bekkelia brannstasjon",
        "public",
        "Rune Eide",
        True,
        ((_EXP, "Innsikt fra innvandrerkvinner om brannsikkerhet i hjemmet"),),
        (
            (_COURSE, "Kurs i brannvern for foreninger"),
            (_CULT, "Åpen brannstasjon for barnehager"),
        ),
    ),
    (
        "Uteseksjonen Myrholt",
        "public",
        "Kamilla Iversen",
        True,
        (
            (_VOL, "Natteravner fredagskveld"),
            (_CULT, "Gratis aktiviteter for ungdom i helgene"),
        ),
        (
            (_EXP, "Innsikt i ungdomsmiljøet i bydelen"),
            (_COURSE, "Foredrag om ungdom og rus"),
        ),
    ),
    (
        "Parkavdelingen Furulund",
        "public",
        "Geir Tveit",
        True,
        (
            (_VOL, "Ryddedugnad i parken"),
            (_VOL, "Hjelp med planting i sansehagen"),
        ),
        (
            (_EQUIP, "Låne hageredskaper og trillebårer"),
            (_PREM, "Parken til sommerfest"),
        ),
    ),
    (
        "Psykisk helsetjeneste Granlia",
        "public",
        "Ingvild Lunde",
        True,
        (
            (_CULT, "Aktiviteter for brukere på dagtid"),
            (_VOL, "Samtalevenner"),
        ),
        (
            (_COURSE, "Kurs i psykisk førstehjelp"),
            (_PREM, "Rolig rom til samtalegrupper"),
        ),
    ),
    (
        "Nordskogen videregående skole",
        "public",
        "Øystein Kolstad",
        True,
        (
            (_CULT, "Konferansier til skoleavslutningen"),
            (_EXP, "Innsikt i yrkesvalg fra lokale bedrifter"),
        ),
        (
            (_PREM, "Auditorium til foredrag"),
            (_EXP, "Innsikt fra ungdom om yrkesvalg"),
        ),
    ),
    (
        "Dagsenteret Solbergli",
        "public",
        "Wenche Aune",
        True,
        (
            (_VOL, "Turvenner til brukerne"),
            (_EQUIP, "Hageredskaper til uteområdet"),
        ),
        (
            (_PREM, "Kjøkken til matlagingskurs på kveldstid"),
            (_CULT, "Kunstverksted for barn og voksne"),
        ),
    ),
    (
        "Frivillighetskontoret i Tårnlia",
        "public",
        "Heidi Nordby",
        True,
        (
            (_CULT, "Kulturinnslag til frivillighetsprisen"),
            (_VOL, "Frivillige til bydelsdagen"),
        ),
        (
            (_EXP, "Rådgivning om tilskuddsordninger"),
            (_PREM, "Møtelokaler i bydelshuset"),
        ),
    ),
    (
        "Myrholt fritidsklubb for barn",
        "public",
        "Espen Haugland",
        True,
        (
            (_EQUIP, "Brukte fotballer og treningsvester"),
            (_COURSE, "Sjakkurs for barn"),
        ),
        (
            (_PREM, "Klubbhuset på lørdager"),
            (_EXP, "Innsikt fra barn 10 til 13 år"),
        ),
    ),
)

_ASCII = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", " ": "."})


def _email(contact_person: str, sector: str) -> str:
    local = contact_person.lower().translate(_ASCII)
    return f"{local}@{_EMAIL_DOMAIN[sector]}"


def _phone(index: int) -> str:
    """A made-up Norwegian mobile number, unique per index below 90."""
    return f"+47 4{10 + index:02d} {(index * 37) % 100:02d} {(index * 271 + 100) % 1000:03d}"


def demo_participants() -> list[dict]:
    """About sixty fictional participants, twenty per sector, as sign-up dicts.

    Each dict has exactly the keys ``name``, ``sector``, ``contact_person``, ``email``,
    ``phone``, ``needs``, ``offers`` and ``consent_public``; needs and offers are lists of
    ``{"category", "text"}``. A few participants have not consented to being named on the public
    live screen, and two have very long names to test how screens cope with overflow.
    """
    participants = []
    for index, (name, sector, person, consent, needs, offers) in enumerate(_PARTICIPANTS):
        participants.append(
            {
                "name": name,
                "sector": sector,
                "contact_person": person,
                "email": _email(person, sector),
                "phone": _phone(index),
                "needs": [{"category": c, "text": t} for c, t in needs],
                "offers": [{"category": c, "text": t} for c, t in offers],
                "consent_public": consent,
            }
        )
    return participants


# (giver, what the giver gives, other party, what the other party gives, category, kind).
# In a gift only the first party gives; the receiver's "gives" is empty.
_DEALS: tuple[tuple[str, str, str, str, str, str], ...] = (
    (
        "Bekkelia Førstehjelpslag",
        "Førstehjelpskurs for 10 trenere",
        "Kvernbakken Idrettslag",
        "Ryddehjelp etter førstehjelpslagets loppemarked",
        _COURSE,
        "mutual",
    ),
    (
        "Kvernbakken bibliotek",
        "Møterom til styremøter en kveld i måneden",
        "Kvernbakken Idrettslag",
        "Gratis prøvetrening for bibliotekets ansatte",
        _PREM,
        "mutual",
    ),
    (
        "Granlia Bilverksted AS",
        "Kjørehjelp til sommerturen med beboerne",
        "Tårnlia sykehjem",
        "",
        _VOL,
        "gift",
    ),
    (
        "Solbergli Kor",
        "Julekonsert for beboerne",
        "Tårnlia sykehjem",
        "Kantinen som øvingslokale én torsdag i måneden",
        _CULT,
        "mutual",
    ),
    (
        "Lindeløkka Elektro AS",
        "Låne lyd- og lysanlegg til vårforestillingen",
        "Bekkelia Ungdomsteater",
        "Underholdning på firmafesten i desember",
        _EQUIP,
        "mutual",
    ),
    (
        "Myrholt Sport og Fritid AS",
        "Låne 30 par ski og skøyter til aktivitetsdagen i vinterferien",
        _LONG_VOLUNTARY,
        "",
        _EQUIP,
        "gift",
    ),
    (
        "Solbergli Data og IT AS",
        "Ti brukte bærbare PC-er",
        "Granlia Leksehjelp",
        "Innsikt fra ungdom om digitale vaner",
        _EQUIP,
        "mutual",
    ),
    (
        "Tårnlia Regnskap AS",
        "Hjelp med årsregnskapet",
        "Furulund Hagelag",
        "Kurs i dyrking på balkongen for de ansatte",
        _EXP,
        "mutual",
    ),
    (
        "Granlia Reklamebyrå AS",
        "Møte i november om ny nettside",
        "Kvernbakken Frivilligsentral",
        "Møte i november om ny nettside",
        _EXP,
        "intent",
    ),
    (
        "Solbergli Snekkerverksted AS",
        "Restmaterialer og snekkerhjelp til gapahuk",
        "Nordskogen Turlag",
        "Guidet tur i marka for de ansatte",
        _EQUIP,
        "mutual",
    ),
    (
        "Nordskogen Hotell AS",
        "Konferanserom til vårkonserten",
        "Solbergli Kor",
        "Julesang i lobbyen i desember",
        _CULT,
        "mutual",
    ),
    (
        "Kulturkontoret i Solbergli",
        "Låne scene og PA-anlegg til vårkonserten",
        "Tårnlia Skolekorps",
        "Korpsmusikk på bydelsdagen",
        _CULT,
        "mutual",
    ),
    (
        "Myrholt skole",
        "Lokale til foreldremøter",
        "Kvernbakken Foreldrenettverk",
        "Natteravner på fredager fram til jul",
        _VOL,
        "mutual",
    ),
    (
        "Bekkelia brannstasjon",
        "Planlegge brannvernkurs på flere språk",
        "Lindeløkka Kvinnenettverk",
        "Møtes i januar med innspill fra nettverket",
        _COURSE,
        "intent",
    ),
    (
        "Furulund Byggevare AS",
        "Maling og verktøy til vårdugnaden",
        "Furulund Velforening",
        "",
        _EQUIP,
        "gift",
    ),
    (
        "Bekkelia Advokatfirma AS",
        "Fem timer juridisk rådgivning om personvern",
        "Granlia Pensjonistforening",
        "",
        _EXP,
        "gift",
    ),
)


def demo_deals(participant_ids_by_name: dict[str, str]) -> list[dict]:
    """About fifteen plausible deals between demo participants, for a pre-filled demo.

    ``participant_ids_by_name`` maps each demo participant's name to the id it was given when it
    was registered. Each deal is ``{"parties": [{"participant_id", "gives"}, ...], "category",
    "kind"}``; in a gift the first party gives and the second's ``gives`` is empty.

    Raises :class:`KeyError` naming the first participant missing from the mapping.
    """
    deals = []
    for first, first_gives, second, second_gives, category, kind in _DEALS:
        parties = []
        for name, gives in ((first, first_gives), (second, second_gives)):
            if name not in participant_ids_by_name:
                raise KeyError(f"demo participant has no id: {name}")
            parties.append({"participant_id": participant_ids_by_name[name], "gives": gives})
        deals.append({"parties": parties, "category": category, "kind": kind})
    return deals
