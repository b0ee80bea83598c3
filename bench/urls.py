"""The app's URLs plus /bench/floor/: the least an authenticated Django page can cost."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path


@login_required
def floor(request):
    return render(request, "bench/floor.html", {"name": request.user.get_username()})


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("config.urls")),
]
