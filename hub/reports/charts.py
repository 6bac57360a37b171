"""Charts made on the hub as SVG, each with its numbers written beside the bars, so they read
on screen, on paper, in grey scale and to a screen reader (each has a title; the numbers are
text, not only lengths). No script, no external file: the page carries them inline."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR = "#0b5d52"  # the hub's brand colour, dark enough for grey-scale printers
MUTED = "#5b6470"
ROW = 26  # px a bar
LABEL = 80  # px for the labels on the left, at the least
LABEL_MAX = 300
NUMBER = 48  # px for the number right of the longest bar


def _opening(title: str, width: int, height: int) -> str:
    return (
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    )


def bars(title: str, items: list[tuple[str, int]], room: int = 280) -> Markup:
    """Horizontal bars, a label left of each (as wide as the longest needs) and its number
    right of it; ``room``: px for the longest bar."""
    top = max([n for _, n in items] + [1])
    label = min(LABEL_MAX, max(LABEL, round(7.4 * max([len(t) for t, _ in items] + [0])) + 12))
    width = label + room + NUMBER
    height = ROW * len(items) + 8
    parts = [_opening(title, width, height)]
    for i, (text, n) in enumerate(items):
        y = i * ROW + 4
        length = round(room * n / top) if n else 0
        parts.append(
            f'<text x="{label - 8}" y="{y + 16}" text-anchor="end" font-size="13" '
            f'fill="#1b1b1b">{escape(text)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{length}" height="{ROW - 8}" fill="{BAR}"/>'
            f'<text x="{label + length + 6}" y="{y + 16}" font-size="13" font-weight="bold" '
            f'fill="#1b1b1b" data-value="{n}">{n}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(title: str, items: list[tuple[str, int]], height: int = 180) -> Markup:
    """Vertical columns (the hour in five-minute steps), the number above each column."""
    top = max([n for _, n in items] + [1])
    step = 44
    width = step * len(items) + 10
    room = height - 44
    parts = [_opening(title, width, height)]
    for i, (label, n) in enumerate(items):
        x = i * step + 8
        tall = round(room * n / top) if n else 0
        y = height - 22 - tall
        parts.append(
            f'<rect x="{x}" y="{y}" width="{step - 10}" height="{tall}" fill="{BAR}"/>'
            f'<text x="{x + (step - 10) / 2}" y="{y - 5}" text-anchor="middle" font-size="12" '
            f'font-weight="bold" fill="#1b1b1b" data-value="{n}">{n}</text>'
            f'<text x="{x + (step - 10) / 2}" y="{height - 6}" text-anchor="middle" '
            f'font-size="11" fill="{MUTED}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
