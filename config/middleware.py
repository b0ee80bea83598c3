from django.utils.cache import add_never_cache_headers, patch_vary_headers


class NoStoreForUsersMiddleware:
    """Pages for a logged-in user hold health data: no browser or proxy may keep them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response
