"""The "Subscribers" section of the admin.

Editors (every subscriptions permission, newsroom/roles.py) see the
overview with its counts, the addresses, the send log, the next daily
briefing's preview and its "send a test to me" button; writers have no
subscriptions permission and see none of it."""

from __future__ import annotations

from csp.decorators import csp_update
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from . import addresses, digests, emails, schedule, sending
from .models import Delivery, DigestEdition, Follow, Rhythm, ScheduledRun, Subscriber
from .tasks import send_test_task

TARGET_NAMES = ("official__name", "enterprise__name", "regulator__name", "tag__name", "author__display_name")


def follow_counts(limit: int = 200) -> list[dict]:
    """Confirmed follows per followed thing, split by rhythm, most followed first."""
    rows = (Follow.objects.filter(confirmed_at__isnull=False, subscriber__suppressed_at__isnull=True)
            .values("kind", *TARGET_NAMES)
            .annotate(total=Count("id"), **{r: Count("id", filter=Q(rhythm=r)) for r in Rhythm.values})
            .order_by("-total", "kind")[:limit])
    out = []
    for row in rows:
        name = next((row[n] for n in TARGET_NAMES if row[n]), "") or "The daily briefing"
        out.append({"kind": dict(Follow.Kind.choices)[row["kind"]] if row["kind"] != "site" else "Site",
                    "name": name, "total": row["total"], "by_rhythm": [row[r] for r in Rhythm.values]})
    return out


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "confirmed_at", "follow_count", "suppressed_at", "suppressed_reason")
    list_filter = (("confirmed_at", admin.EmptyFieldListFilter), ("suppressed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    readonly_fields = ("created_at", "confirmed_at", "suppressed_at", "suppressed_reason")
    fields = ("email", *readonly_fields)
    actions = ["stop_mail"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_follows=Count("follows"))

    @admin.display(description="follows", ordering="n_follows")
    def follow_count(self, obj: Subscriber) -> int:
        return obj.n_follows

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Readers add themselves (double opt-in); nobody signs them up.
        return False

    @admin.action(description="Stop all mail to these addresses", permissions=["change"])
    def stop_mail(self, request: HttpRequest, queryset) -> None:
        for email in queryset.values_list("email", flat=True):
            addresses.suppress_address(email=email, reason="stopped by an editor")
        self.message_user(request, "Mail stopped.", messages.SUCCESS)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("overview/", view(self.overview), name="subscriptions_overview"),
            # The email's own inline styles (what mail clients get) need 'unsafe-inline' here.
            path("overview/preview/", view(csp_update({"style-src": ["'unsafe-inline'"]})(self.preview)),
                 name="subscriptions_preview"),
            path("overview/send-test/", view(require_POST(self.send_test)), name="subscriptions_send_test"),
            *super().get_urls(),
        ]

    def _require(self, request: HttpRequest, perm: str) -> None:
        if not request.user.has_perm(f"subscriptions.{perm}"):
            raise PermissionDenied

    def overview(self, request: HttpRequest) -> TemplateResponse:
        self._require(request, "view_subscriber")
        preview = digests.preview_items(Rhythm.DAILY)
        start, _ = digests.next_window(Rhythm.DAILY, now=timezone.now())
        context = {
            **self.admin_site.each_context(request),
            "title": "Subscribers",
            "rhythms": Rhythm.labels,
            "counts": follow_counts(),
            "totals": {
                "confirmed": Subscriber.objects.filter(confirmed_at__isnull=False, suppressed_at__isnull=True).count(),
                "pending": Subscriber.objects.filter(confirmed_at__isnull=True).count(),
                "stopped": Subscriber.objects.filter(suppressed_at__isnull=False).count(),
                "site_daily": Follow.objects.filter(kind=Follow.Kind.SITE, rhythm=Rhythm.DAILY,
                                                    confirmed_at__isnull=False).count(),
            },
            "recent": Delivery.objects.select_related("subscriber").order_by("-created_at", "-id")[:25],
            "editions": DigestEdition.objects.annotate(
                sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                queued=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.QUEUED)),
            )[:10],
            "preview_count": len(preview),
            "preview_since": start,
            "next_daily": ScheduledRun.objects.filter(job=schedule.DAILY).values_list("next_run_at", flat=True).first(),
            "can_send_test": request.user.has_perm("subscriptions.send_test_digest") and bool(request.user.email),
        }
        return TemplateResponse(request, "admin/subscriptions/overview.html", context)

    def preview(self, request: HttpRequest) -> HttpResponse:
        """The next daily briefing's HTML, as a reader of the whole site would get it now."""
        self._require(request, "view_subscriber")
        found = sending.entries(digests.preview_items(Rhythm.DAILY), now=timezone.now())
        _, _, html = emails.render("digest", {
            **sending.digest_context("digest", found, rhythm_label="daily"),
            "manage_url": "#", "unsubscribe_url": "#", "test": True})
        return HttpResponse(html)

    def send_test(self, request: HttpRequest) -> HttpResponseRedirect:
        self._require(request, "send_test_digest")
        if not request.user.email:
            self.message_user(request, "Your account has no email address.", messages.ERROR)
        else:
            send_test_task.enqueue(to=request.user.email)
            self.message_user(request, f"A test of the next briefing is on its way to {request.user.email}.",
                              messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:subscriptions_overview"))


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("subscriber", "kind", "__str__", "rhythm", "confirmed_at")
    list_filter = ("kind", "rhythm", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("subscriber__email",)
    list_select_related = ("subscriber", "official", "enterprise", "regulator", "tag", "author")
    raw_id_fields = ("subscriber", "official", "enterprise", "regulator", "tag", "author")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The send log (read-only): recent sends with their status."""

    list_display = ("created_at", "subscriber", "kind", "key", "status", "articles_sent", "sent_at", "error")
    list_filter = ("kind", "status")
    search_fields = ("subscriber__email", "key")
    list_select_related = ("subscriber",)
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(DigestEdition)
class DigestEditionAdmin(admin.ModelAdmin):
    list_display = ("key", "rhythm", "window_start", "window_end", "queued_at")
    list_filter = ("rhythm",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
