from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .forms import CodeForm
from .two_factor import (
    qr_code_svg,
    secret_for_typing,
    totp_device_for,
    totp_device_remove,
    totp_enrollment_confirm,
    totp_enrollment_start,
    two_factor_required,
)

ACTIONS = ("start", "confirm", "cancel", "disable")


def _next_url(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return None


def two_factor_view(request: HttpRequest, site: admin.AdminSite) -> HttpResponse:
    """The signed-in member of staff's own two-factor page: turn it on (scan
    the code, type the first number the app gives), replace the phone, or
    turn it off (with a current code; not when the newsroom requires it)."""
    user = request.user
    here = reverse("admin:two_factor", current_app=site.name)
    next_url = _next_url(request)
    form = CodeForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ACTIONS:
            return HttpResponseBadRequest("Unknown action.")
        if action == "start":
            totp_enrollment_start(user=user)
            return HttpResponseRedirect(request.get_full_path())
        if action == "cancel":
            pending = totp_device_for(user, confirmed=False)
            if pending is not None:
                pending.delete()
            return HttpResponseRedirect(request.get_full_path())
        form = CodeForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            if action == "confirm":
                device = totp_enrollment_confirm(user=user, code=code)
                if device is not None:
                    # This session has just shown it holds the authenticator.
                    django_otp.login(request, device)
                    messages.success(request, "Two-factor sign-in is on: from now on you sign in with a code as well.")
                    return HttpResponseRedirect(next_url or here)
                form.add_error("code", "That code is not right. Check the phone's clock and try the next code.")
            elif two_factor_required():
                form.add_error(None, "The newsroom requires two-factor sign-in: it cannot be turned off.")
            elif totp_device_remove(user=user, code=code):
                messages.success(request, "Two-factor sign-in is off.")
                return HttpResponseRedirect(here)
            else:
                form.add_error("code", "That code is not right, or has been used already.")

    device = totp_device_for(user)
    pending = totp_device_for(user, confirmed=False)
    context = {
        **site.each_context(request),
        "title": "Two-factor sign-in",
        "device": device,
        "pending": pending,
        "qr_code": qr_code_svg(pending) if pending else None,
        "secret": secret_for_typing(pending) if pending else None,
        "form": form,
        "required": two_factor_required(),
        "issuer": settings.OTP_TOTP_ISSUER,
        "next": next_url or "",
    }
    return render(request, "admin/accounts/two_factor.html", context)
