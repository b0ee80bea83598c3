from django.contrib import admin
from django.urls import include, path

from accounts.urls import password_reset
from tracker import learn, quick, views
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

urlpatterns = [
    path("", include(tracker_patterns)),
    path("foods/", include("foods.urls")),
    path("learn/", include(learn_patterns)),
    path("accounts/", include("accounts.urls")),
    path("accounts/", include([password_reset])),
    # login, logout (POST), password change and reset, with Django's own views
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
]
