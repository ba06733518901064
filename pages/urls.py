from django.urls import path, re_path

from . import views

app_name = "pages"

# The page pattern matches any path of slug-like segments, so it is included
# last (ree_exchange/urls.py): every other URL wins.
urlpatterns = [
    path("preview/page/<str:token>/", views.page_preview, name="preview"),
    re_path(r"^(?P<page_path>[\w-]+(?:/[\w-]+)*)/$", views.page_detail, name="detail"),
]
