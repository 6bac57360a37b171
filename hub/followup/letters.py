"""The follow-up's letters, added to the mail room's (docs/mail.md): each participant's deals
after the evening, the thank-you for those who made none, and the question how a deal went.
The organiser edits them on ``/mail/templates`` like every letter; these are where they start.
"""

from __future__ import annotations

from hub.mail.letters import COMMON_FIELDS, LETTERS, Letter, Text

DEALS, THANKS, QUESTION = "followup.deals", "followup.thanks", "followup.question"
DEAL_FIELDS = (*COMMON_FIELDS, "deals", "deal_count")
QUESTION_FIELDS = (
    *COMMON_FIELDS,
    "partner",
    "deal",
    "deadline",
    "link_done",
    "link_in_progress",
    "link_not_feasible",
)

_DEALS = {
    "nb": Text(
        "Avtalene deres fra {{ event }}",
        """Hei {{ contact_person }},

Takk for at {{ name }} var med på {{ event }} {{ date }}! Her er avtalene dere inngikk, med \
kontaktpersonen hos hver partner og fristen dere ble enige om:

{{ deals }}

Fristene ligger i kalenderfilen som er vedlagt (avtaler.ics): åpne den, så kommer de inn i \
kalenderen deres. Ta kontakt med partneren i god tid før fristen. Når fristen er passert, \
hører vi gjerne hvordan det gikk.

Vennlig hilsen
{{ organiser }}""",
    ),
    "en": Text(
        "Your deals from {{ event }}",
        """Dear {{ contact_person }},

Thank you for taking part in {{ event }} on {{ date }}, {{ name }}! Here are the deals you \
made, with the contact person of each partner and the deadline you agreed on:

{{ deals }}

The deadlines are in the attached calendar file (avtaler.ics): open it to add them to your \
calendar. Get in touch with your partner well before the deadline. When it has passed, we \
would like to hear how it went.

Kind regards,
{{ organiser }}""",
    ),
}

_THANKS = {
    "nb": Text(
        "Takk for at dere var med på {{ event }}",
        """Hei {{ contact_person }},

Takk for at {{ name }} var med på {{ event }} {{ date }}! Denne gangen ble det ingen avtale \
på dere, men behovene og tilbudene deres lever videre i katalogen.

{{ suggestions }}

Ta gjerne kontakt med dem direkte, eller se hele katalogen: {{ catalogue_link }}

Vennlig hilsen
{{ organiser }}""",
    ),
    "en": Text(
        "Thank you for taking part in {{ event }}",
        """Dear {{ contact_person }},

Thank you for taking part in {{ event }} on {{ date }}, {{ name }}! No deal was made with \
you this time, but your needs and offers live on in the catalogue.

{{ suggestions }}

Feel free to contact them directly, or browse the whole catalogue: {{ catalogue_link }}

Kind regards,
{{ organiser }}""",
    ),
}

_QUESTION = {
    "nb": Text(
        "Hvordan gikk avtalen med {{ partner }}?",
        """Hei {{ contact_person }},

Fristen for avtalen {{ name }} inngikk med {{ partner }} på {{ event }} var {{ deadline }}:

{{ deal }}

Hvordan gikk det? Ett klikk er nok:

- Gjennomført: {{ link_done }}
- Vi er i gang: {{ link_in_progress }}
- Lot seg ikke gjennomføre: {{ link_not_feasible }}

Takk for svaret!
{{ organiser }}""",
    ),
    "en": Text(
        "How did the deal with {{ partner }} go?",
        """Dear {{ contact_person }},

The deadline of the deal {{ name }} made with {{ partner }} at {{ event }} was {{ deadline }}:

{{ deal }}

How did it go? One click is enough:

- Done: {{ link_done }}
- We are on it: {{ link_in_progress }}
- It could not be carried out: {{ link_not_feasible }}

Thank you for answering!
{{ organiser }}""",
    ),
}

LETTERS.add(Letter(DEALS, "deals", _DEALS, fields=DEAL_FIELDS))
LETTERS.add(Letter(THANKS, "deals", _THANKS))
LETTERS.add(Letter(QUESTION, "followup", _QUESTION, fields=QUESTION_FIELDS))
