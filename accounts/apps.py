from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


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
