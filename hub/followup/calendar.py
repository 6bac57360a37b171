"""The .ics sent with each participant's deals: one all-day event per deal on its deadline
(RFC 5545 through the icalendar library), so the deadlines land in the partners' calendars."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event

from shared.core.checks import parse_date

PRODID = "-//Frivilligbors//Oppfolging//NB"
FILENAME = "avtaler.ics"


def deadlines_ics(items: list[tuple[str, str, str, str]], stamp: dt.datetime) -> bytes:
    """``items``: (uid, ISO deadline, summary, description) of each deal."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    for uid, deadline, summary, description in items:
        day = parse_date(deadline)
        if day is None:
            continue
        event = Event()
        event.add("uid", uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", summary)
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
