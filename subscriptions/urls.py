from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("briefing/", views.follow, {"kind": "site"}, name="briefing"),
    # Topic slugs may be Chinese: the site's `text` converter (core/urlconverters.py), as topic pages use.
    path("follow/<str:kind>/<text:slug>/", views.follow, name="follow"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/", views.request_link, name="request_link"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/export.json", views.export, name="export"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
