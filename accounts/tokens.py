"""API tokens: made, checked and revoked. Keys are random (256 bits) and stored as a SHA-256
digest, so a key is found by its digest and the database never holds one that works."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework import authentication, exceptions
from rest_framework.authentication import get_authorization_header

from accounts.models import ApiToken
from accounts.time_zones import activate_for

KEYWORD = "Token"
# Recording every use would be a write per API request: once a minute is enough for the list.
LAST_USED_EVERY = timedelta(minutes=1)


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user) -> tuple[ApiToken, str]:
    """A new token for the user and its key, which only this answer ever shows."""
    key = secrets.token_hex(32)
    token = ApiToken.objects.create(
        user=user,
        prefix=key[:8],
        digest=digest_of(key),
        expires_at=timezone.now() + settings.API_TOKEN_LIFETIME,
    )
    return token, key


def revoke_all(user) -> int:
    """End every token of the user (a password change or reset, or the user's own choice)."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


class TokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>`, as DRF's TokenAuthentication reads it, for hashed,
    expiring tokens. A wrong, expired or revoked key is a 401. (A subclass of DRF's, so the
    OpenAPI schema describes it as DRF's token scheme.)"""

    keyword = KEYWORD

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Invalid token header: give `Token <key>`.")
        try:
            key = parts[1].decode("ascii")
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed("Invalid token.") from error
        now = timezone.now()
        token = ApiToken.objects.select_related("user__profile").filter(digest=digest_of(key)).first()
        if token is None or token.expires_at <= now or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or expired token.")
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        # DRF authenticates inside the view, after the middleware ran: activate the user's time zone here.
        request._request.user = token.user
        activate_for(request._request)
        return token.user, token

    def authenticate_header(self, request):
        return KEYWORD
