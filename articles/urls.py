from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from . import views
from .sitemaps import SITEMAPS, news_sitemap, sitemap_index

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/", views.topic_list, name="topics"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("archive/", views.archive_index, name="archive"),
    re_path(r"^archive/(?P<year>[0-9]{4})/$", views.archive, name="archive_year"),
    re_path(r"^archive/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.archive, name="archive_month"),
    path("corrections/", views.corrections, name="corrections"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_index, name="sitemap-index"),
    path("sitemap-news.xml", news_sitemap, name="sitemap-news"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
