from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import views
from .feeds import CorrectionsFeed, LatestFeed, TopicFeed, feed_index, feed_patterns, feed_view
from .sitemaps import SITEMAPS, news_sitemap, sitemap_index

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<text:slug>/", views.topic_detail, name="topic"),
    path("archive/", views.archive_index, name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive, name="archive_year"),
    re_path(r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.archive, name="archive_month"),
    path("corrections/", views.corrections, name="corrections"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-news.xml", news_sitemap, name="sitemap-news"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]

# Feeds: site-wide, per topic, corrections (RSS at feed/, Atom and JSON Feed
# next to it).
urlpatterns += [
    path("feeds/", feed_index, name="feed_index"),
    path("feeds/rss/", feed_view(LatestFeed, "rss"), name="feed_rss"),
    path("feeds/atom/", feed_view(LatestFeed, "atom"), name="feed_atom"),
    path("feeds/json/", feed_view(LatestFeed, "json"), name="feed_json"),
    *feed_patterns("topics/<text:slug>/feed/", TopicFeed, "topic_feed"),
    *feed_patterns("corrections/feed/", CorrectionsFeed, "corrections_feed"),
]
