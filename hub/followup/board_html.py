"""The board's table rows as HTML, made in Python: a board of 500 deals is 500 rows of a dozen
cells, and Jinja spent 0.25 ms a row on them (attribute lookups, joins), most of the page's
time. Every value is escaped here (markupsafe), as the template would."""

from __future__ import annotations

from markupsafe import Markup, escape


def _parties(row, words) -> str:
    return " ↔ ".join(
        f'{escape(p.name)} <span class="hint-small">({escape(words("sector." + p.sector))})</span>'
        for p in row.parties
    )


def _status(row, words) -> str:
    card = row.card
    cell = (
        f'<span class="fu-status {card.status}">'
        f"{escape(words('followup.status.' + card.status))}</span>"
    )
    if card.reason:
        cell += f'<br><span class="hint-small">{escape(card.reason)}</span>'
    if card.answers:
        answers = escape(words("followup.answers_short"))
        cell += f'<br><span class="hint-small">{answers}: {len(card.answers)}</span>'
    if card.held:
        cell += f'<br><span class="badge warn">{escape(words("followup.held_badge"))}</span>'
    if card.story:
        cell += f'<br><span class="badge">{escape(words("followup.story_badge"))}</span>'
    return cell


def _next(row, words) -> str:
    cell = escape(words.date(row.next_contact))
    if row.next_is_deadline:
        cell += Markup(
            f' <span class="hint-small">({escape(words("followup.is_deadline"))})</span>'
        )
    if row.overdue:
        cell += Markup(
            f'<br><span class="flag overdue">{escape(words("followup.view.overdue"))}</span>'
        )
    elif row.due_this_week:
        cell += Markup(f'<br><span class="flag week">{escape(words("followup.view.week"))}</span>')
    if row.flagged:
        flag = escape(words("followup.flag_ask"))
        cell += Markup(f'<br><span class="flag overdue" data-testid="flagged">{flag}</span>')
    return cell


def row_html(row, words) -> str:
    deal = row.deal
    kind = f"{escape(words('category.' + deal.category))} · {escape(words('kind.' + deal.kind))}"
    return (
        f'<tr class="{"overdue" if row.overdue else ""}" data-deal="{escape(row.id)}" '
        f'data-status="{row.card.status}">'
        f'<td class="nowrap"><a href="/followup/{escape(row.id)}">{escape(deal.number)}</a></td>'
        f"<td>{_parties(row, words)}</td><td>{kind}</td>"
        f'<td class="nowrap">{escape(words.date(deal.deadline))}</td>'
        f"<td>{_status(row, words)}</td>"
        f'<td class="nowrap">{escape(words.date(row.card.last_contact))}</td>'
        f'<td class="nowrap">{_next(row, words)}</td></tr>'
    )


KEPT_AT_MOST = 20_000
_made: dict[int, tuple] = {}  # id(row) -> (row, language, html); the row kept so the id stays its


def _kept_html(row, words) -> str:
    """A row's HTML from the last board when the row (the same object) and the language are."""
    found = _made.get(id(row))
    if found is not None and found[0] is row and found[1] == words.lang:
        return found[2]
    html = row_html(row, words)
    if len(_made) >= KEPT_AT_MOST:
        _made.clear()
    _made[id(row)] = (row, words.lang, html)
    return html


def rows_html(rows, words) -> Markup:
    return Markup("\n".join(_kept_html(row, words) for row in rows))
