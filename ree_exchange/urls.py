from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from core.views import favicon, healthz, ping

# A database outage met outside a view is a 503 too (core/views.server_error).
handler500 = "core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("ping", ping, name="ping"),
    # Browsers and feed readers ask for /favicon.ico whatever the page links.
    path("favicon.ico", favicon, name="favicon"),
    path("", include("articles.urls")),
    path("", include("search.urls")),
    path("", include("newsroom.urls")),
    path("", include("profiles.urls")),
    path("api/", include("api.urls")),
    path("subscriptions/", include("subscriptions.urls")),
    # Last: pages live at clean paths (/about/masthead/) under every other URL.
    path("", include("pages.urls")),
]

if settings.ANYMAIL.get("WEBHOOK_SECRET"):
    # The ESP's tracking webhook (bounces, complaints): subscriptions/signals.py listens.
    urlpatterns.append(path("anymail/", include("anymail.urls")))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

