from django.urls import path

from learn import views
from learn.content import PAGES

app_name = "learn"
urlpatterns = [
    path("", views.index, name="index"),
    *(path(f"{slug}/", views.topic, {"slug": slug}, name=slug) for slug in PAGES),
]
