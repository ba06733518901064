from django.urls import path

from articles.feeds import feed_patterns

from . import views
from .feeds import AuthorFeed

app_name = "authors"

urlpatterns = [
    path("authors/<slug:slug>/", views.author_detail, name="detail"),
]

# The author's feed (RSS, Atom, JSON Feed).
urlpatterns += [
    *feed_patterns("authors/<slug:slug>/feed/", AuthorFeed, "feed"),
]
