"""The app's URLs plus /bench/floor/: the least an authenticated Django page can cost."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import include, path

# The product's error handlers (JSON under /api/), which a URLconf does not inherit by include().
from config.urls import handler400, handler403, handler404, handler500  # noqa: F401


@login_required
def floor(request):
    return render(request, "bench/floor.html", {"name": request.user.get_username()})


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("config.urls")),
]
