"""The client's address, read the same way by every request limit: DRF's throttles, the
account forms' limits and django-axes."""

from django.conf import settings


def client_address(request) -> str:
    """The address of the client that sent a request.

    With no trusted proxy (TRUSTED_PROXY_COUNT = 0, the default) it is REMOTE_ADDR: an
    X-Forwarded-For header is the client's own words and is never believed. Behind N proxies
    that each append the address they received from, it is the Nth address from the end of
    X-Forwarded-For, which the nearest proxy vouches for; what the client wrote before it is
    ignored. This is DRF's reading with NUM_PROXIES = TRUSTED_PROXY_COUNT.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    addresses = [address.strip() for address in forwarded.split(",")]
    return addresses[-min(count, len(addresses))] or remote
