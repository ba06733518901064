"""The profile pages, directories and feeds, under their original URL names:
``entities:official``, ``entities:official_feed``... and ``authors:detail``,
``authors:feed``, which templates, reverse() and the page cache use."""

from django.urls import include, path

from articles.feeds import feed_patterns

from . import views
from .feeds import AuthorFeed, EnterpriseFeed, OfficialFeed, RegulatorFeed

entity_patterns = [
    path("officials/", views.official_list, name="officials"),
    path("officials/<slug:slug>/", views.official_detail, name="official"),
    path("enterprises/", views.enterprise_list, name="enterprises"),
    path("enterprises/<slug:slug>/", views.enterprise_detail, name="enterprise"),
    path("regulators/", views.regulator_list, name="regulators"),
    path("regulators/<slug:slug>/", views.regulator_detail, name="regulator"),
    # Feeds of each entity's coverage (RSS, Atom, JSON Feed).
    *feed_patterns("officials/<slug:slug>/feed/", OfficialFeed, "official_feed"),
    *feed_patterns("enterprises/<slug:slug>/feed/", EnterpriseFeed, "enterprise_feed"),
    *feed_patterns("regulators/<slug:slug>/feed/", RegulatorFeed, "regulator_feed"),
]

author_patterns = [
    path("authors/<slug:slug>/", views.author_detail, name="detail"),
    # The author's feed (RSS, Atom, JSON Feed).
    *feed_patterns("authors/<slug:slug>/feed/", AuthorFeed, "feed"),
]

urlpatterns = [
    path("", include((entity_patterns, "entities"))),
    path("", include((author_patterns, "authors"))),
]
