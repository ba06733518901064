from django.urls import path

from . import preview_views

app_name = "newsroom"

# The desk's only page outside the admin: a shareable preview link.
urlpatterns = [
    path("preview/<text:token>/", preview_views.shared_preview, name="preview"),
]
