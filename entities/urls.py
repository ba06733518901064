from django.urls import path

from . import views

app_name = "entities"

urlpatterns = [
    path("officials/<slug:slug>/", views.official_detail, name="official"),
    path("enterprises/<slug:slug>/", views.enterprise_detail, name="enterprise"),
    path("regulators/<slug:slug>/", views.regulator_detail, name="regulator"),
]
