from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter()
router.register("articles", views.ArticleViewSet, basename="article")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("enterprises", views.EnterpriseViewSet, basename="enterprise")
router.register("regulators", views.RegulatorViewSet, basename="regulator")
router.register("authors", views.AuthorViewSet, basename="author")
router.register("tags", views.TagViewSet, basename="tag")
router.register("pages", views.PageViewSet, basename="page")

urlpatterns = [
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    path("docs/", views.api_docs, name="docs"),
    path("", include(router.urls)),
]
