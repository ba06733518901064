from django.urls import path

from . import views

app_name = "entities"

urlpatterns = [
    path("officials/", views.official_list, name="officials"),
    path("officials/<slug:slug>/", views.official_detail, name="official"),
    path("enterprises/", views.enterprise_list, name="enterprises"),
    path("enterprises/<slug:slug>/", views.enterprise_detail, name="enterprise"),
    path("regulators/", views.regulator_list, name="regulators"),
    path("regulators/<slug:slug>/", views.regulator_detail, name="regulator"),
]
