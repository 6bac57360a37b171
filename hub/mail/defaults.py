"""The letters' default texts, written from the organisers' guides (seeds/): one invitation per
sector with the message the guides tune to it, the sign-up confirmation and the reminder the
day before. The organiser edits them on the hub; these are where each starts and what "reset"
brings back. Plain text with merge fields; a blank line starts a paragraph, "- " a list item,
**two stars** make bold, and links become clickable in the HTML part.
"""

from __future__ import annotations

_INVITE_NB = """Hei {{ contact_person }},

{{ name }} inviteres til {{ event }}: en møteplass der næringsliv, frivillige organisasjoner og \
offentlige tjenester inngår så mange samarbeidsavtaler som mulig på én time. Ingen penger \
skifter hender; man gir og får lokaler, utstyr, kurs, kompetanse og frivillig innsats.

%s

**Tid:** {{ date }} kl. {{ time }}
**Sted:** {{ place }}

Meld dere på her: {{ signup_link }}

Når dere melder dere på, registrerer dere minst ett behov og ett tilbud. De samles i \
børskatalogen, som alle deltakerne kan bli kjent med før arrangementet.

Vi håper å se dere!

Vennlig hilsen
{{ organiser }}"""

_INVITE_EN = """Dear {{ contact_person }},

{{ name }} is invited to {{ event }}: a meeting place where businesses, voluntary \
organisations and public services make as many cooperation deals as they can in one hour. No \
money changes hands; you give and receive premises, equipment, courses, expertise and \
volunteering.

%s

**When:** {{ date }} at {{ time }}
**Where:** {{ place }}

Sign up here: {{ signup_link }}

When you sign up, you register at least one need and one offer. They are gathered in the \
exchange catalogue, which every participant can browse before the evening.

We hope to see you there!

Kind regards,
{{ organiser }}"""

_WHY = {
    "business": (
        "For en bedrift er frivilligbørsen en fin måte å vise verdiene deres i praksis, og at "
        "dere satser på sosial bærekraft i lokalmiljøet. Dere blir mer synlige, bygger nettverk "
        "og finner nye samarbeidspartnere.",
        "For a business, the exchange is a good way to show your values in practice and your "
        "commitment to social sustainability in the local community. You become more visible, "
        "build your network and find new partners.",
    ),
    "voluntary": (
        "For en frivillig organisasjon er frivilligbørsen en vei inn til kontakt med de "
        "kommunale tjenestene, og en måte å hente inn ressurser dere trenger uten å måtte søke "
        "tilskudd.",
        "For a voluntary organisation, the exchange is a way in to the municipality's services, "
        "and a way to get the resources you need without applying for grants.",
    ),
    "public": (
        "For en offentlig tjeneste er frivilligbørsen en arena for samskaping, og et signal om "
        "at dere er åpne for samarbeid på tvers av sektorer.",
        "For a public service, the exchange is an arena for co-creation, and a sign that you are "
        "open to cooperation across sectors.",
    ),
}

_SUBJECT = {
    "nb": "Invitasjon til {{ event }} {{ date }}",
    "en": "Invitation to {{ event }} on {{ date }}",
}

INVITATIONS = {
    sector: {
        "nb": {"subject": _SUBJECT["nb"], "body": _INVITE_NB % why_nb},
        "en": {"subject": _SUBJECT["en"], "body": _INVITE_EN % why_en},
    }
    for sector, (why_nb, why_en) in _WHY.items()
}

CONFIRMATION = {
    "nb": {
        "subject": "Påmeldingen til {{ event }} er mottatt",
        "body": """Hei {{ contact_person }},

Takk for påmeldingen! {{ name }} er påmeldt {{ event }}.

**Tid:** {{ date }} kl. {{ time }}
**Sted:** {{ place }}

Her ser dere påmeldingen deres, og kan endre den eller legge til flere behov og tilbud: \
{{ signup_link }}

Børskatalogen viser hvem som kommer, hva de trenger og hva de kan tilby: {{ catalogue_link }}

{{ suggestions }}

Dagen før arrangementet får dere en påminnelse.

Vennlig hilsen
{{ organiser }}""",
    },
    "en": {
        "subject": "Your sign-up for {{ event }} is received",
        "body": """Dear {{ contact_person }},

Thank you for signing up! {{ name }} is signed up for {{ event }}.

**When:** {{ date }} at {{ time }}
**Where:** {{ place }}

Here you can see your sign-up, change it, or add more needs and offers: {{ signup_link }}

The exchange catalogue shows who is coming, what they need and what they offer: \
{{ catalogue_link }}

{{ suggestions }}

You will get a reminder the day before the evening.

Kind regards,
{{ organiser }}""",
    },
}

REMINDER = {
    "nb": {
        "subject": "Påminnelse: {{ event }} i morgen",
        "body": """Hei {{ contact_person }},

Vi gleder oss til å se {{ name }} på {{ event }} i morgen!

**Tid:** {{ date }} kl. {{ time }}
**Sted:** {{ place }}

Ta gjerne en titt i børskatalogen før dere kommer, og tenk på hvem dere vil inngå avtaler med: \
{{ catalogue_link }}

{{ suggestions }}

Det er om å gjøre å inngå så mange avtaler som mulig på én time. Når dere er enige om en \
avtale, går dere sammen til en børsmegler, som registrerer den.

Vel møtt!
{{ organiser }}""",
    },
    "en": {
        "subject": "Reminder: {{ event }} tomorrow",
        "body": """Dear {{ contact_person }},

We look forward to seeing {{ name }} at {{ event }} tomorrow!

**When:** {{ date }} at {{ time }}
**Where:** {{ place }}

Have a look at the exchange catalogue before you come, and think about whom you would like to \
make deals with: {{ catalogue_link }}

{{ suggestions }}

The aim is to make as many deals as you can in one hour. When you agree on a deal, go together \
to a broker, who registers it.

See you there!
{{ organiser }}""",
    },
}

TEST = {
    "nb": {
        "subject": "Testmelding fra Frivilligbørs",
        "body": """Dette er en testmelding fra hubben.

Kommer den fram, virker innstillingene for e-post: avsender, server og innlogging.

{{ organiser }}""",
    },
    "en": {
        "subject": "Test message from Frivilligbørs",
        "body": """This is a test message from the hub.

If it arrives, the mail settings work: sender, server and login.

{{ organiser }}""",
    },
}
