from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("briefing/", views.follow, {"kind": "site"}, name="briefing"),
    path("follow/<str:kind>/<slug:slug>/", views.follow, name="follow"),
    path("check-your-inbox/", views.check_inbox, name="check_inbox"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/", views.request_link, name="request_link"),
    path("manage/<str:token>/", views.manage, name="manage"),
    path("manage/<str:token>/export.json", views.export, name="export"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
