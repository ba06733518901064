from django.urls import path

from . import preview_views, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("preview/<str:token>/", preview_views.shared_preview, name="preview"),
]
