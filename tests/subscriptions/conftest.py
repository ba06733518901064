"""A real SMTP server on loopback (aiosmtpd), and helpers to read what it got."""

from __future__ import annotations

import contextlib
import email
import email.policy
import re
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller

PORTS = range(8025, 8036)


class Inbox:
    """What the server received, parsed by Python's email package."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.received.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"

    @property
    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(raw, policy=email.policy.default) for _, raw in self.received]

    def to(self, address: str) -> list[email.message.EmailMessage]:
        return [m for m in self.messages if address in m["To"]]


def _started_controller(handler) -> Controller:
    """A started server on the first port of ``PORTS`` it can bind. Binding
    is the check: a port found free and then bound would race the other
    test workers for it. asyncio binds with SO_REUSEADDR, so a port in
    TIME_WAIT from the last test is free."""
    for port in PORTS:
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except OSError:
            continue
        return controller
    pytest.skip("no free port for the SMTP test server in 8025-8035")


@contextlib.contextmanager
def serving_smtp(settings, handler):
    """A real SMTP server on loopback with ``handler`` (an aiosmtpd handler),
    and Django's SMTP backend pointed at it."""
    controller = _started_controller(handler)
    port = controller.port
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.SUBSCRIPTIONS_SEND_RATE = 0  # no pacing in tests (the throttle has its own test)
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def smtp(settings):
    settings.SITE_URL = "https://news.example.com"
    with serving_smtp(settings, Inbox()) as inbox:
        yield inbox


class CommittingClient:
    """The test client, with each request's on-commit callbacks run when it
    returns (a test's transaction never commits; a real request's does)."""

    def __init__(self, client, capture) -> None:
        self._client, self._capture = client, capture

    def __getattr__(self, name):
        attr = getattr(self._client, name)
        if name not in ("get", "post", "head"):
            return attr

        def call(*args, **kwargs):
            with self._capture(execute=True):
                return attr(*args, **kwargs)

        return call


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    return CommittingClient(client, django_capture_on_commit_callbacks)


def parts(message) -> tuple[str, str]:
    """(plain text, HTML) of a multipart/alternative message."""
    return (message.get_body(preferencelist=("plain",)).get_content(),
            message.get_body(preferencelist=("html",)).get_content())


def links(text: str) -> list[str]:
    return re.findall(r"https://news\.example\.com/[^\s\"<>]*", text)


def path_of(url: str) -> str:
    return urlsplit(url).path


def unsubscribe_url(message) -> str:
    return message["List-Unsubscribe"].strip().strip("<>")
