"""The site's URLs: each app's, included. Where the log adds pages to another app's
namespace (foods:list, accounts:export), the two lists are joined here, the one place
that sees every app."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

import accounts.urls
import foods.urls
import tracker.urls
from config import pwa

foods_patterns = ([*tracker.urls.food_pages, *foods.urls.urlpatterns], "foods")
accounts_patterns = ([*accounts.urls.urlpatterns, *tracker.urls.account_pages], "accounts")
api_patterns = (
    [*accounts.urls.api_urlpatterns, *tracker.urls.api_urlpatterns, *foods.urls.api_urlpatterns],
    "api",
)

urlpatterns = [
    # At the root, so that the service worker's scope is the whole site.
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
    path("", include("tracker.urls")),
    path("foods/", include(foods_patterns)),
    path("learn/", include("learn.urls")),
    path("accounts/", include(accounts_patterns)),
    path(
        "accounts/",
        include(
            [
                accounts.urls.login,
                accounts.urls.logout,
                accounts.urls.password_reset,
                accounts.urls.password_change,
            ]
        ),
    ),
    # logout (POST), password change and reset, with Django's own views
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_patterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
]

# Under /api/ errors are JSON; elsewhere Django's own pages.
handler400 = "core.rest.bad_request"
handler403 = "core.rest.permission_denied"
handler404 = "core.rest.page_not_found"
handler500 = "core.rest.server_error"
