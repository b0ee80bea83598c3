from django.urls import path
from rest_framework.routers import SimpleRouter

from tracker import account_views, api, food_pages, import_views, quick, share_views, views

app_name = "tracker"
urlpatterns = [
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
    path("day/<str:day>/<str:meal>/recipe/", quick.meal_recipe, name="meal_recipe"),
    path("log/<int:food_id>/again/", quick.log_again, name="log_again"),
    path("favourites/<int:food_id>/add/", quick.favourite_add, name="favourite_add"),
    path("favourites/<int:food_id>/remove/", quick.favourite_remove, name="favourite_remove"),
    path("trends/", views.trends_page, name="trends"),
    path("report/", views.report, name="report"),
    path("report/shares/", share_views.share_list, name="shares"),
    path("report/shares/<int:pk>/revoke/", share_views.share_revoke, name="share_revoke"),
    path("shared/<str:token>/", share_views.shared_report, name="shared_report"),
    path("export/entries.csv", views.export_entries, name="export_entries"),
    path("import/", import_views.import_page, name="import"),
    path("import/<int:pk>/", import_views.import_preview, name="import_preview"),
]

# Pages of the log that sit in other apps' namespaces and URLs (config/urls.py joins them).
food_pages = [
    path("", food_pages.food_list, name="list"),
    path("rich/", food_pages.rich_foods, name="rich"),
    path("<int:pk>/", food_pages.food_detail, name="detail"),
]
account_pages = [
    path("export/", account_views.export, name="export"),
    path("export/<int:job_id>/", account_views.export_file, name="export_file"),
    path("delete/", account_views.delete, name="delete"),
]

router = SimpleRouter()
router.register("entries", api.EntryViewSet, basename="entry")
router.register("supplements", api.SupplementViewSet, basename="supplement")
router.register("shares", api.ShareViewSet, basename="share")
api_urlpatterns = [
    path("summary/", api.SummaryView.as_view(), name="summary"),
    path("summary/range/", api.SummaryRangeView.as_view(), name="summary-range"),
    *router.urls,
]
