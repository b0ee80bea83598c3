from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from accounts.api import ProfileView, TokenView
from accounts.urls import login, password_reset
from foods.api import FoodViewSet
from tracker import api, learn, quick, views
from tracker.learn_content import PAGES

tracker_patterns = (
    [
        path("", views.home, name="today"),
        path("day/", views.jump, name="jump"),
        path("day/<str:day>/", views.day, name="day"),
        path("log/<int:food_id>/", views.entry_new, name="entry_new"),
        path("entries/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
        path("entries/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
        path("supplements/", views.supplements, name="supplements"),
        path("supplements/new/", views.supplement_new, name="supplement_new"),
        path("supplements/<int:pk>/edit/", views.supplement_edit, name="supplement_edit"),
        path("supplements/<int:pk>/delete/", views.supplement_delete, name="supplement_delete"),
        path("supplements/<int:pk>/again/", views.supplement_again, name="supplement_again"),
        path("day/<str:day>/copy/", quick.copy, name="copy_day"),
        path("log/<int:food_id>/again/", quick.log_again, name="log_again"),
        path("favourites/<int:food_id>/add/", quick.favourite_add, name="favourite_add"),
        path("favourites/<int:food_id>/remove/", quick.favourite_remove, name="favourite_remove"),
        path("trends/", views.trends_page, name="trends"),
        path("report/", views.report, name="report"),
        path("export/entries.csv", views.export_entries, name="export_entries"),
    ],
    "tracker",
)

learn_patterns = (
    [
        path("", learn.index, name="index"),
        *(path(f"{slug}/", learn.topic, {"slug": slug}, name=slug) for slug in PAGES),
    ],
    "learn",
)

# The REST API: each resource with a ViewSet registers on the router.
router = SimpleRouter()
router.register("foods", FoodViewSet, basename="food")
router.register("entries", api.EntryViewSet, basename="entry")
router.register("supplements", api.SupplementViewSet, basename="supplement")

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
    path("learn/", include(learn_patterns)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include([login, password_reset])),
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
