from django.utils.cache import add_never_cache_headers, patch_vary_headers

from accounts.throttles import page_write_refused
from config import health
from config.pwa import PAGE_OWNER_HEADER, page_owner
from core.rest import is_api

PROBES = {"/healthz": health.healthz, "/readyz": health.readyz}


class HealthProbeMiddleware:
    """Answers /healthz and /readyz before everything else: a load balancer probes by address
    (no allowed host name) over plain HTTP (no HTTPS redirect), with no session or cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        response = probe(request)
        add_never_cache_headers(response)
        return response


class NoStoreForUsersMiddleware:
    """Pages for a logged-in user hold health data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
            # Whose page this is, for the service worker (config/pwa.py): it keeps day pages
            # of one user only.
            response[PAGE_OWNER_HEADER] = page_owner(request.user)
        return response


class PageWriteLimitMiddleware:
    """Each logged-in user's form posts are limited (DJANGO_PAGE_WRITE_RATE), as the API's writes
    are: no account can keep the server busy for everyone else by posting forms in a loop.
    The API has its own limit; the admin is for staff."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_api(request) and not request.path_info.startswith("/admin/"):
            refused = page_write_refused(request)
            if refused is not None:
                return refused
        return self.get_response(request)
