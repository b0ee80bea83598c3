"""Request limits for the pages' forms: per address for the account forms (sign-up, password
reset, account deletion), per user for every form a logged-in user posts ("page_writes").

DRF's throttle classes do the counting in Django's cache; the limits live in
settings.ACCOUNT_THROTTLE_RATES ("10/hour"; "" turns a limit off). While the cache is down
these forms are refused (core.rest.CREDENTIAL_SCOPES).
"""

from functools import wraps
from math import ceil

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from core.clients import client_address
from core.rest import CacheSafeThrottle


class AccountFormThrottle(CacheSafeThrottle):
    def __init__(self, scope: str):
        self.scope = scope
        self.rate = settings.ACCOUNT_THROTTLE_RATES.get(scope) or None
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def get_ident(self, request):
        return client_address(request)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserFormThrottle(AccountFormThrottle):
    """Counted per logged-in user rather than per address."""

    def get_ident(self, request):
        return f"user-{request.user.pk}"


def too_many(request, throttle) -> HttpResponse:
    """The 429 page, with Retry-After."""
    wait = ceil(throttle.wait() or 1)
    response = render(request, "registration/throttled.html", {"wait_minutes": ceil(wait / 60)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def page_write_refused(request) -> HttpResponse | None:
    """The 429 answer to a logged-in user's form post beyond the "page_writes" rate, else None.
    The API has its own per-user limit (DRF's "writes"); the admin is for staff."""
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    throttle = UserFormThrottle("page_writes")
    return None if throttle.allow_request(request, None) else too_many(request, throttle)


def throttle_posts(scope: str):
    """Answer 429 with Retry-After once an address has posted a form too often."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST":
                throttle = AccountFormThrottle(scope)
                if not throttle.allow_request(request, None):
                    return too_many(request, throttle)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
