"""The messages: rendered from templates (subject, plain text, HTML), CSS
inlined by css-inline, every link absolute (SITE_URL), and the RFC 8058
one-click unsubscribe headers on everything but the confirmation mail."""

from __future__ import annotations

from email.utils import make_msgid

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from core.seo import absolute_url

from . import tokens
from .models import Subscriber

# Media queries (the dark-mode colours) stay in a <style> block for the
# clients that read one; everything else goes into style attributes.
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def site_domain() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"


def links(subscriber: Subscriber) -> dict:
    """The reader's own links, absolute."""
    manage = reverse("subscriptions:manage", kwargs={"token": tokens.make(tokens.MANAGE, subscriber)})
    unsubscribe = reverse("subscriptions:unsubscribe",
                          kwargs={"token": tokens.make(tokens.UNSUBSCRIBE, subscriber)})
    return {"manage_url": absolute_url(manage), "unsubscribe_url": absolute_url(unsubscribe)}


def render(name: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, html) of the templates subscriptions/email/<name>.*"""
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    subject = " ".join(render_to_string(f"subscriptions/email/{name}_subject.txt", context).split())
    text = render_to_string(f"subscriptions/email/{name}.txt", context)
    html = _INLINER.inline(render_to_string(f"subscriptions/email/{name}.html", context))
    return subject, text, html


def build(*, subscriber: Subscriber, name: str, context: dict, message_id: str = "",
          list_headers: bool = True, to: str = "") -> EmailMultiAlternatives:
    """One multipart message to ``subscriber`` (or ``to``, for a test).
    ``message_id`` fixed by the caller makes a resent message recognisable
    as the same one."""
    own = links(subscriber) if subscriber.pk else {"manage_url": absolute_url("/"), "unsubscribe_url": ""}
    subject, text, html = render(name, {**own, **context, "subscriber": subscriber})
    headers = {"Message-ID": message_id or make_msgid(domain=site_domain())}
    if list_headers and own["unsubscribe_url"]:
        headers["List-Unsubscribe"] = f"<{own['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        headers["List-Id"] = f"{settings.SITE_NAME} <follows.{site_domain()}>"
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to or subscriber.email],
                                     headers=headers)
    message.attach_alternative(html, "text/html")
    return message
