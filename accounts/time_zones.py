"""The user's own time zone: "today", a day's limits and the times shown follow it."""

import zoneinfo

from django.utils import timezone

from accounts.models import DEFAULT_TIME_ZONE, time_zone_names
from accounts.queries import profile_of

# Where sign-up keeps the browser's time zone until the profile is saved.
SESSION_KEY = "browser_time_zone"


def time_zone_of(request) -> str:
    """The profile's time zone; before there is a profile, the browser's from sign-up; else UTC."""
    profile = profile_of(request.user) if hasattr(request, "user") else None
    if profile is not None:
        return profile.time_zone
    session = getattr(request, "session", None)
    name = session.get(SESSION_KEY) if session is not None else None
    return name if name in time_zone_names() else DEFAULT_TIME_ZONE


def activate_for(request) -> None:
    timezone.activate(zoneinfo.ZoneInfo(time_zone_of(request)))


class UserTimeZoneMiddleware:
    """Activates the user's time zone for the request (Django's way: timezone.activate), so that
    timezone.localdate() is the user's own date everywhere. The API's token users are activated
    by accounts.tokens.TokenAuthentication once DRF knows them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        activate_for(request)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
