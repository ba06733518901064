from django.urls import path

from . import preview_views, views, views_search
from .feeds import CorrectionsFeed, LatestFeed, TopicFeed, feed_index, feed_patterns, feed_view

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("preview/<str:token>/", preview_views.shared_preview, name="preview"),
    path("search/", views_search.search, name="search"),
]

# Feeds: site-wide, per topic, corrections (RSS at feed/, Atom and JSON Feed
# next to it).
urlpatterns += [
    path("feeds/", feed_index, name="feed_index"),
    path("feeds/rss/", feed_view(LatestFeed, "rss"), name="feed_rss"),
    path("feeds/atom/", feed_view(LatestFeed, "atom"), name="feed_atom"),
    path("feeds/json/", feed_view(LatestFeed, "json"), name="feed_json"),
    *feed_patterns("topics/<slug:slug>/feed/", TopicFeed, "topic_feed"),
    *feed_patterns("corrections/feed/", CorrectionsFeed, "corrections_feed"),
]
