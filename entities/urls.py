from django.urls import path

from articles.feeds import feed_patterns

from . import views
from .feeds import EnterpriseFeed, OfficialFeed, RegulatorFeed

app_name = "entities"

urlpatterns = [
    path("officials/", views.official_list, name="officials"),
    path("officials/<slug:slug>/", views.official_detail, name="official"),
    path("enterprises/", views.enterprise_list, name="enterprises"),
    path("enterprises/<slug:slug>/", views.enterprise_detail, name="enterprise"),
    path("regulators/", views.regulator_list, name="regulators"),
    path("regulators/<slug:slug>/", views.regulator_detail, name="regulator"),
]

# Feeds of each entity's coverage (RSS, Atom, JSON Feed).
urlpatterns += [
    *feed_patterns("officials/<slug:slug>/feed/", OfficialFeed, "official_feed"),
    *feed_patterns("enterprises/<slug:slug>/feed/", EnterpriseFeed, "enterprise_feed"),
    *feed_patterns("regulators/<slug:slug>/feed/", RegulatorFeed, "regulator_feed"),
]
