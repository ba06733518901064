"""``{% related_cards related %}``: the cards of the "You Might Also Like"
block. A tag rather than template markup in a loop: the block is on every
article page, and the loop's variable lookups and date filters cost more
CPU than the database query behind it (the block's budget is 2 ms). The
cards are f-strings with ``escape_html`` rather than ``format_html``, whose
lazy-string checks cost more than the rest of a card."""

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone

from core.date_formats import format_date
from core.escaping import escape_html

register = template.Library()


def _card(item, tz) -> str:
    card = (item.featured_image_renditions or {}).get("card") or {}
    image = ""
    if getattr(item, "card_image_url", ""):
        image = (
            f'\n      <img class="card-img" src="{escape_html(item.card_image_url)}" alt=""'
            f' width="{escape_html(card.get("width", ""))}" height="{escape_html(card.get("height", ""))}"'
            ' loading="lazy">'
        )
    reason = f'<p class="card-reason">{escape_html(item.reason)}</p>' if getattr(item, "reason", "") else ""
    iso = escape_html(format_date(item.published_at, "c", tz))
    day = escape_html(format_date(item.published_at, "j F Y", tz))
    return (
        f'    <li class="card related-card">{image}\n      <div class="card-body">\n'
        f'        <h3 class="card-title"><a href="{escape_html(item.get_absolute_url())}">{escape_html(item.title)}</a></h3>\n'
        f'        {reason}\n'
        f'        <p class="meta"><time datetime="{iso}">{day}</time></p>\n      </div>\n    </li>'
    )


@register.simple_tag
def related_cards(related) -> SafeString:
    tz = get_current_timezone()
    return mark_safe("\n".join(_card(item, tz) for item in related))  # noqa: S308 (every value escaped in _card)
