from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp.plugins.otp_static.models import StaticDevice

from .forms import CodeForm
from .two_factor import (
    TwoFactorError,
    qr_code_svg,
    recovery_codes_left,
    recovery_codes_renew,
    secret_for_typing,
    totp_device_for,
    totp_device_remove,
    totp_enrollment_cancel,
    totp_enrollment_confirm,
    totp_enrollment_start,
    two_factor_required,
)

ACTIONS = ("start", "confirm", "cancel", "disable", "recovery")


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


def two_factor_view(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    """The signed-in member of staff's own two-factor page: turn it on (scan
    the code, type the first number the app gives), move to a new phone or
    turn it off (both with a current code; off not when the newsroom
    requires it)."""
    user = request.user
    here = reverse("admin:two_factor", current_app=site.name)
    next_url = _next_url(request)
    # Signed in with a recovery code: the phone is lost, and this session may
    # set up the new one without the old one's code.
    recovered = isinstance(getattr(user, "otp_device", None), StaticDevice)
    form = CodeForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            return HttpResponseBadRequest("Unknown action.")
        if action == "cancel":
            totp_enrollment_cancel(user=user)
            return HttpResponseRedirect(request.get_full_path())
        if action == "start" and (recovered or totp_device_for(user) is None):
            totp_enrollment_start(user=user, lost_phone=recovered)
            return HttpResponseRedirect(request.get_full_path())
        form = CodeForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            try:
                if action == "start":
                    totp_enrollment_start(user=user, code=code)
                    return HttpResponseRedirect(request.get_full_path())
                if action == "confirm":
                    device, codes = totp_enrollment_confirm(user=user, code=code)
                    # This session has just shown it holds the authenticator.
                    django_otp.login(request, device)
                    messages.success(request, "Two-factor sign-in is on: from now on you sign in with a code as well.")
                    if codes:
                        return _show_codes(request, site, codes, next_url or here)
                    return HttpResponseRedirect(next_url or here)
                if action == "recovery":
                    return _show_codes(request, site, recovery_codes_renew(user=user, code=code), here)
                totp_device_remove(user=user, code=code)
                messages.success(request, "Two-factor sign-in is off.")
                return HttpResponseRedirect(here)
            except TwoFactorError as refused:
                form.add_error("code", str(refused))

    device = totp_device_for(user)
    pending = totp_device_for(user, confirmed=False)
    context = {
        **site.each_context(request),
        "title": "Two-factor sign-in",
        "device": device,
        "pending": pending,
        "codes_left": recovery_codes_left(user) if device else None,
        "recovered": recovered,
        "qr_code": qr_code_svg(pending) if pending else None,
        "secret": secret_for_typing(pending) if pending else None,
        "form": form,
        "required": two_factor_required(),
        "issuer": settings.OTP_TOTP_ISSUER,
        "next": next_url or "",
    }
    return render(request, "admin/accounts/two_factor.html", context)


def _show_codes(request: HttpRequest, site: admin.AdminSite, codes: list[str], then: str) -> HttpResponse:
    """The recovery codes, shown once, in the answer to the POST that made
    them: they are kept nowhere to be shown again (no redirect, no session)."""
    context = {**site.each_context(request), "title": "Your recovery codes", "codes": codes, "then": then}
    return render(request, "admin/accounts/recovery_codes.html", context)
