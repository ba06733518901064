from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django_otp.plugins.otp_static import apps as static_apps
from django_otp.plugins.otp_totp import apps as totp_apps


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Staff accounts"


class NewsroomAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the newsroom's own site as ``admin.site``
    (Django's documented way to replace the default site), so every
    ModelAdmin registered with ``@admin.register`` gets its sign-in rules.
    Named in INSTALLED_APPS by its full path; ``accounts`` alone means
    AccountsConfig."""

    default = False
    default_site = "accounts.admin_site.NewsroomAdminSite"


class TwoFactorDevicesConfig(totp_apps.DefaultConfig):
    """django-otp's TOTP devices, under a name the admin index can show
    (where a superuser removes the authenticator of someone who lost their
    phone)."""

    default = False
    verbose_name = "Two-factor sign-in"


class RecoveryCodesConfig(static_apps.DefaultConfig):
    """django-otp's static tokens: the one-use recovery codes."""

    default = False
    verbose_name = "Two-factor recovery codes"
