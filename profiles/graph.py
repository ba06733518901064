"""A profile's nearest links as a small inline SVG diagram.

Server-rendered, so it needs no JavaScript: the entity on the left, its
neighbours stacked on the right, each joined by a curve and labelled with the
relation ("Parent group", "Supervised by", "Held post here"...). Neighbours
with a profile are real links. Every string is HTML-escaped here, as this
markup is marked safe for the template. Colours are presentation attributes
(the stylesheet refines them) so the diagram still reads with CSS off.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 400
BOX_H = 44  # a neighbour box with a one-line name
GAP = 10  # between neighbour boxes
LINE_H = 17  # one more line of a wrapped name
CENTRE_CHARS = 18  # characters per line of the centre box (13 px bold)
NODE_CHARS = 26  # per line of a neighbour box
NAME_LINES = 5  # a name longer than this many lines is clipped with "…"
CENTRE_W = 150
NODE_X = 190
NODE_W = WIDTH - NODE_X - 4
MAX_NODES = 12
KINDS = ("official", "enterprise", "regulator", "other")


@dataclass(frozen=True)
class Neighbour:
    """One node of the diagram: who, how related, and where its profile is."""

    label: str
    relation: str
    url: str = ""
    kind: str = "other"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, width: int, max_lines: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [_clip(" ".join(lines[max_lines - 1:]), width)]
    return [_clip(line, width) for line in lines] or [""]


def relationship_svg(*, name: str, kind: str, neighbours: list[Neighbour], description: str = "") -> SafeString:
    """Inline SVG for the entity ``name`` and up to MAX_NODES neighbours; ""
    when there are none."""
    if not neighbours:
        return mark_safe("")
    shown = neighbours[:MAX_NODES]
    # Names wrap onto as many lines as they need (up to a limit no real name
    # reaches), and each neighbour's box grows with them: a clipped name was
    # the diagram's most common complaint.
    lines = _wrap(name, CENTRE_CHARS, NAME_LINES)
    box_h = max(BOX_H, LINE_H * len(lines) + 12)
    labels = [_wrap(n.label, NODE_CHARS, NAME_LINES) for n in shown]
    heights = [BOX_H + LINE_H * (len(label) - 1) for label in labels]
    tops, y = [], 0.0
    for h in heights:
        tops.append(y)
        y += h + GAP
    nodes_h = y - GAP
    height = max(nodes_h, box_h + 6)
    cy = height / 2
    pad = (height - nodes_h) / 2
    kind = kind if kind in KINDS else "other"
    desc = description or "; ".join(f"{n.relation}: {n.label}" for n in shown)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" font-family="sans-serif" font-size="13" '
        'aria-labelledby="graph-title graph-desc">',
        f'<title id="graph-title">{escape(name)}: nearest links</title>',
        f'<desc id="graph-desc">{escape(desc)}</desc>',
    ]
    for top, h in zip(tops, heights, strict=True):
        ny = pad + top + h / 2
        parts.append(
            f'<path class="edge" d="M{CENTRE_W} {cy:.0f} C{CENTRE_W + 24} {cy:.0f} {NODE_X - 24} {ny:.0f} '
            f'{NODE_X} {ny:.0f}" fill="none" stroke="#8c9199" stroke-width="1.5"/>'
        )
    first_y = cy - LINE_H / 2 * (len(lines) - 1) + 5
    tspans = "".join(
        f'<tspan x="{CENTRE_W / 2 + 1:.0f}" y="{first_y + LINE_H * i:.0f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    parts.append(
        f'<g class="node centre kind-{kind}"><rect x="2" y="{cy - box_h / 2:.0f}" width="{CENTRE_W - 2}" '
        f'height="{box_h}" rx="4" fill="#1b1d21"/><text text-anchor="middle" fill="#fff" font-weight="700">'
        f"{tspans}</text></g>"
    )
    for n, label, top, h in zip(shown, labels, tops, heights, strict=True):
        nkind = n.kind if n.kind in KINDS else "other"
        top += pad
        label_spans = "".join(
            f'<tspan x="{NODE_X + 8}" y="{top + 35 + LINE_H * i:.0f}">{escape(line)}</tspan>'
            for i, line in enumerate(label)
        )
        node = (
            f"<title>{escape(n.relation)}: {escape(n.label)}</title>"
            f'<rect x="{NODE_X}" y="{top:.0f}" width="{NODE_W}" height="{h}" rx="4" fill="#f4f5f7" stroke="#8c9199"/>'
            f'<text class="relation" x="{NODE_X + 8}" y="{top + 16:.0f}" font-size="11" fill="#4a4f58">{escape(_clip(n.relation, 34))}</text>'
            f'<text class="label" font-weight="700" fill="#1b1d21">{label_spans}</text>'
        )
        if n.url:
            node = f'<a href="{escape(n.url)}">{node}</a>'
        parts.append(f'<g class="node kind-{nkind}">{node}</g>')
    if len(neighbours) > MAX_NODES:
        parts.append(f"<!-- {len(neighbours) - MAX_NODES} more not drawn -->")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every interpolated string is escaped)
