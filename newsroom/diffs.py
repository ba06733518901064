"""A readable diff between two snapshots of an article (see revisions.py).

Text is compared word by word; the body is compared block by block (each
paragraph, heading or list item on its own line) and then word by word
inside changed blocks. The body's HTML is shown as escaped source, never
rendered, so a diff page cannot run or restyle anything. Tags, entities and
the byline are compared as sets of names. Which fields are compared, and
their labels, come from the one list in ``articles/content.py``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.content import CONTENT_FIELDS, Kind, of_kind

from .revisions import Snapshot

_TOKENS = re.compile(r"\s+|[^\s<>]+|[<>]")
# Block-level closing tags (and <br>, <hr>) end a line of the body.
_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|blockquote|pre|figure|figcaption|tr|table|ul|ol|dl|dt|dd)>|<br\s*/?>|<hr\s*/?>)",
                        re.I)
# Equal runs longer than this are folded, keeping one line of context each side.
_CONTEXT = 1


@dataclass
class FieldDiff:
    label: str
    changed: bool
    html: SafeString


def words_diff(old: str, new: str) -> SafeString:
    """``old`` → ``new`` as escaped text with <del> and <ins> marks."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above


def body_lines(html: str) -> list[str]:
    return [line.strip() for line in _BLOCK_END.sub(r"\1\n", html or "").splitlines() if line.strip()]


def lines_diff(old: list[str], new: list[str]) -> SafeString:
    """Two lists of lines as an HTML list: unchanged lines (long runs folded),
    removed, added, and changed lines with their words marked."""
    rows: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            run = old[i1:i2]
            if len(run) > 2 * _CONTEXT + 1:
                hidden = len(run) - 2 * _CONTEXT
                shown = [*run[:_CONTEXT], None, *run[-_CONTEXT:]] if _CONTEXT else [None]
            else:
                hidden, shown = 0, run
            for line in shown:
                if line is None:
                    rows.append(f'<li class="diff-fold">… {hidden} unchanged …</li>')
                else:
                    rows.append(f'<li class="diff-same">{escape(line)}</li>')
        elif op == "replace" and (i2 - i1) == (j2 - j1):
            for a, b in zip(old[i1:i2], new[j1:j2], strict=True):
                rows.append(f'<li class="diff-changed">{words_diff(a, b)}</li>')
        else:
            rows.extend(f'<li class="diff-removed"><del>{escape(line)}</del></li>' for line in old[i1:i2])
            rows.extend(f'<li class="diff-added"><ins>{escape(line)}</ins></li>' for line in new[j1:j2])
    return mark_safe('<ul class="diff-lines">' + "".join(rows) + "</ul>")  # noqa: S308 - escaped above


def names_diff(old: list[str], new: list[str]) -> SafeString:
    """Two lists of names: kept, removed (struck) and added (marked)."""
    old_set, new_set = set(old), set(new)
    items = [f"<li>{escape(n)}</li>" for n in new if n in old_set]
    items += [f'<li class="diff-removed"><del>{escape(n)}</del></li>' for n in old if n not in new_set]
    items += [f'<li class="diff-added"><ins>{escape(n)}</ins></li>' for n in new if n not in old_set]
    return mark_safe('<ul class="diff-names">' + ("".join(items) or "<li>—</li>") + "</ul>")  # noqa: S308


def _entity_names(snapshots: list[Snapshot]) -> dict[str, dict[int, str]]:
    """The names of the entities and authors the snapshots link to, by id."""
    names: dict[str, dict[int, str]] = {}
    for spec in of_kind(Kind.RELATION, Kind.BYLINE, Kind.IMAGE):
        ids = {i for s in snapshots for i in _ids(getattr(s, spec.name))}
        names[spec.name] = {pk: str(e) for pk, e in spec.model.objects.in_bulk(ids).items()}
    return names


def _ids(value) -> list[int]:
    """A relation's ids, or the library image's (one or none)."""
    if isinstance(value, list):
        return value
    return [value] if value else []


def compare(old: Snapshot, new: Snapshot) -> list[FieldDiff]:
    """Every compared field, changed or not, in the order of the edit form."""
    names = _entity_names([old, new])

    def named(field_name: str, snap: Snapshot) -> list[str]:
        lookup = names[field_name]
        label = {"bylines": "author", "featured_image": "library image"}.get(field_name, field_name.rstrip("s"))
        return [lookup.get(i, f"(deleted {label} #{i})") for i in _ids(getattr(snap, field_name))]

    diffs = []
    for spec in CONTENT_FIELDS:
        if not spec.in_history:
            continue
        a, b = getattr(old, spec.name), getattr(new, spec.name)
        if spec.kind is Kind.LINES:
            diffs.append(FieldDiff(spec.label, a != b, lines_diff(a, b)))
        elif spec.kind is Kind.RICH:
            diffs.append(FieldDiff(spec.label, a != b, lines_diff(body_lines(a), body_lines(b))))
        elif spec.kind is Kind.TAGS:
            before, after = [t.name for t in a], [t.name for t in b]
            diffs.append(FieldDiff(spec.label, before != after, names_diff(before, after)))
        elif spec.kind is Kind.RELATION:
            before, after = named(spec.name, old), named(spec.name, new)
            diffs.append(FieldDiff(spec.label, sorted(before) != sorted(after), names_diff(before, after)))
        elif spec.kind is Kind.IMAGE:  # by the picture's alt text
            before, after = named(spec.name, old), named(spec.name, new)
            diffs.append(FieldDiff(spec.label, before != after, words_diff(" ".join(before), " ".join(after))))
        elif spec.kind is Kind.BYLINE:  # the order is part of a byline
            before, after = named(spec.name, old), named(spec.name, new)
            diffs.append(FieldDiff(spec.label, before != after, names_diff(before, after)))
        else:
            diffs.append(FieldDiff(spec.label, a != b, words_diff(a, b)))
    return diffs
