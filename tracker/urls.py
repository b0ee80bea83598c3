from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accounts.api import ProfileView, TokenView
from foods.api import FoodViewSet
from tracker import api, views

tracker_patterns = (
    [
        path("", views.home, name="today"),
        path("day/", views.jump, name="jump"),
        path("day/<str:day>/", views.day, name="day"),
        path("log/<int:food_id>/", views.entry_new, name="entry_new"),
        path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
        path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    ],
    "tracker",
)

# The REST API: each resource with a ViewSet registers on the router.
router = SimpleRouter()
router.register("foods", FoodViewSet, basename="food")
router.register("entries", api.EntryViewSet, basename="entry")

api_patterns = (
    [
        path("auth/token/", TokenView.as_view(), name="token"),
        path("profile/", ProfileView.as_view(), name="profile"),
        path("summary/", api.SummaryView.as_view(), name="summary"),
        path("summary/range/", api.SummaryRangeView.as_view(), name="summary-range"),
        *router.urls,
    ],
    "api",
)

urlpatterns = [
    path("", include(tracker_patterns)),
    path("foods/", include("foods.urls")),
    path("accounts/", include("accounts.urls")),
    # login, logout (POST), password change and reset, with Django's own views
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

# Under /api/ errors are JSON; elsewhere Django's own pages.
handler400 = "tracker.rest.bad_request"
handler403 = "tracker.rest.permission_denied"
handler404 = "tracker.rest.page_not_found"
handler500 = "tracker.rest.server_error"
