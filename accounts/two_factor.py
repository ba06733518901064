"""Two-factor sign-in for staff: a TOTP authenticator app (RFC 6238).

django-otp keeps the devices, checks codes (a code is good for one use:
a replayed one is refused) and slows down guessing with growing delays
after each wrong code. This module holds the writes around it, called by
the admin's sign-in form and the two-factor page alike.

Each member of staff may turn it on for their own account; with
``STAFF_TWO_FACTOR_REQUIRED`` every member of staff must, and the admin
sends anyone without an authenticator to set one up before anything else.
"""

from __future__ import annotations

import logging
import re
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

logger = logging.getLogger(__name__)

DEVICE_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
RECOVERY_CODES = 10
WRONG_CODE = "That code is not right, or has been used already. Wait for the next code and try again."


class TwoFactorError(Exception):
    """A two-factor change refused; the message says why, for the form."""
_NOT_DIGITS = re.compile(r"[\s-]")


def two_factor_required() -> bool:
    """Whether every member of staff must sign in with a code."""
    return bool(getattr(settings, "STAFF_TWO_FACTOR_REQUIRED", False))


def clean_code(raw: str | None) -> str:
    """A code as typed ("123 456", "123-456") reduced to its digits."""
    return _NOT_DIGITS.sub("", raw or "")


def totp_device_for(user: AbstractBaseUser, *, confirmed: bool = True) -> TOTPDevice | None:
    """The user's authenticator (the confirmed one, or the one being set up)."""
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def totp_check(*, user: AbstractBaseUser, device: TOTPDevice, code: str) -> bool:
    """Whether ``code`` is the device's current code and unused. Under a
    row lock, so two sign-ins racing with the same code cannot both pass;
    anything but the right code (letters included) lengthens the device's
    wait before the next try."""
    return verify_token(user, device.persistent_id, clean_code(code)) is not None


def sign_in_check(*, user: AbstractBaseUser, device: TOTPDevice, code: str) -> TOTPDevice | StaticDevice | None:
    """The device that accepts ``code`` at sign-in: six digits go to the
    authenticator, anything else is tried as one of the user's recovery
    codes (used up by this). ``None`` when neither accepts it."""
    code = clean_code(code)
    if code.isdigit() and len(code) == device.digits:
        return device if totp_check(user=user, device=device, code=code) else None
    recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if recovery is not None and verify_token(user, recovery.persistent_id, code.lower()) is not None:
        logger.info("user %s signed in with a recovery code", user.pk)
        return recovery
    return None


def recovery_codes_issue(*, user: AbstractBaseUser) -> list[str]:
    """Ten new one-use recovery codes for signing in without the phone;
    any earlier ones stop working. Only their holder sees them, once: the
    caller shows the list and keeps it nowhere."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = []
        while len(codes) < RECOVERY_CODES:
            token = StaticToken.random_token()
            if token not in codes:
                codes.append(token)
        StaticToken.objects.bulk_create([StaticToken(device=device, token=t) for t in codes])
    return [f"{t[:4]} {t[4:]}" for t in codes]


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def recovery_codes_renew(*, user: AbstractBaseUser, code: str) -> list[str]:
    """New recovery codes in place of the old, for a current authenticator code."""
    device = totp_device_for(user)
    if device is None or not totp_check(user=user, device=device, code=code):
        raise TwoFactorError(WRONG_CODE)
    return recovery_codes_issue(user=user)


def totp_enrollment_start(*, user: AbstractBaseUser, code: str = "", lost_phone: bool = False) -> TOTPDevice:
    """A fresh, unconfirmed authenticator secret for ``user``; any earlier
    unfinished set-up is dropped. Someone who already has an authenticator
    (moving to a new phone) gives its current ``code``: a session left open
    cannot swap in an attacker's phone. ``lost_phone``: the caller's session
    signed in with a recovery code just now, which stands in for that code.
    The old authenticator stays in use until the new one is confirmed."""
    current = totp_device_for(user)
    if current is not None and not lost_phone and not totp_check(user=user, device=current, code=code):
        raise TwoFactorError(WRONG_CODE)
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_enrollment_cancel(*, user: AbstractBaseUser) -> None:
    """Drop an unfinished set-up; a confirmed authenticator is untouched."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()


def totp_enrollment_confirm(*, user: AbstractBaseUser, code: str) -> tuple[TOTPDevice, list[str]]:
    """Turn on the authenticator being set up once the app shows it has the
    secret (it gives a right code). Replaces any earlier authenticator.
    Returns it with new recovery codes when it is the account's first (a
    move to a new phone keeps the codes already handed out; empty list)."""
    device = totp_device_for(user, confirmed=False)
    if device is None:
        raise TwoFactorError("Nothing is being set up: start again.")
    if not totp_check(user=user, device=device, code=code):
        raise TwoFactorError("That code is not right. Check the phone's clock and try the next code.")
    with transaction.atomic():
        first = not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_issue(user=user) if first else []
    logger.info("two-factor sign-in turned on for user %s", user.pk)
    return device, codes


def totp_device_remove(*, user: AbstractBaseUser, code: str) -> None:
    """Turn two-factor sign-in off. The current code is asked for, so a
    session left open on a shared computer cannot do it; refused outright
    when the newsroom requires two-factor sign-in."""
    if two_factor_required():
        raise TwoFactorError("The newsroom requires two-factor sign-in: it cannot be turned off.")
    device = totp_device_for(user)
    if device is None or not totp_check(user=user, device=device, code=code):
        raise TwoFactorError(WRONG_CODE)
    _remove_all(user)
    logger.info("two-factor sign-in turned off for user %s", user.pk)


def totp_devices_reset(*, user: AbstractBaseUser) -> int:
    """Remove every authenticator of ``user`` (a lost phone), and the
    recovery codes with it, with no code:
    for ``manage.py two_factor_reset``, when nobody can reach the admin's
    own TOTP devices page (django-otp's, which does the same). The user
    signs in with the password alone, then sets up a new one (at once, when
    two-factor sign-in is required). Returns how many went."""
    deleted = _remove_all(user)
    logger.info("two-factor devices of user %s removed by an administrator", user.pk)
    return deleted


def _remove_all(user: AbstractBaseUser) -> int:
    """Delete the user's authenticators and recovery codes together; how
    many authenticators went."""
    with transaction.atomic():
        deleted, _ = TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
    return deleted


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// address as an inline SVG QR code, for the
    authenticator app's camera. Drawn as one path: no inline style, so the
    Content-Security-Policy has nothing to object to."""
    svg = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage).to_string(encoding="unicode")
    label = escape("QR code holding the secret key for your authenticator app")
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" class="totp-qr" ', 1))


def secret_for_typing(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app
    that cannot scan."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
