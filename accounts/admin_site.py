"""The newsroom's admin site: Django's, with two-factor sign-in."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import urlencode

from .forms import TwoFactorAuthenticationForm
from .two_factor import totp_device_for, two_factor_required
from .views import two_factor_view


def _device(request: HttpRequest):
    """The signed-in user's authenticator, looked up once per request (the
    admin asks has_permission more than once while building a page)."""
    try:
        return request._totp_device
    except AttributeError:
        request._totp_device = totp_device_for(request.user)
        return request._totp_device


def _verified(user) -> bool:
    """Whether this session gave a code at sign-in (django-otp's middleware
    says; without it, no session counts as verified)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified())


class NewsroomAdminSite(admin.AdminSite):
    """An account with an authenticator is in the admin only in a session
    that gave a code at sign-in: a session opened before the authenticator
    was turned on, or opened by any other road, is sent back to sign in.
    With ``STAFF_TWO_FACTOR_REQUIRED`` staff without one are sent to set
    one up first."""

    login_form = TwoFactorAuthenticationForm
    site_header = f"{settings.SITE_NAME} newsroom"
    site_title = f"{settings.SITE_NAME} newsroom"
    index_title = "Newsroom"

    def has_permission(self, request: HttpRequest) -> bool:
        if not super().has_permission(request):
            return False
        # is_verified comes from django-otp's middleware; a verified session
        # costs no query here.
        return _verified(request.user) or _device(request) is None

    def admin_view(self, view, cacheable: bool = False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if (
                two_factor_required() and user.is_active and user.is_staff
                and not _verified(user) and _device(request) is None
            ):
                target = reverse("admin:two_factor", current_app=self.name)
                return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        user = request.user
        context = {
            # Signed in with a password, but this session gave no code.
            "code_needed": bool(user.is_authenticated and not _verified(user) and _device(request)),
            **(extra_context or {}),
        }
        return super().login(request, context)

    def get_urls(self) -> list:
        # Only signed-in staff, but not behind the "set one up first" guard:
        # this is where the guard sends them.
        own = [path("two-factor/", super().admin_view(two_factor_view), {"site": self}, name="two_factor")]
        return own + super().get_urls()
