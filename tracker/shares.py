"""Read-only links to a user's report for their clinician (issue 17): making one, finding the
share behind a link, counting its openings.

The link's token (256 random bits) is shown once; only its SHA-256 is stored, so a copy of the
database opens no report. An expired, revoked or unknown token finds nothing, alike."""

import hashlib
import secrets
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from tracker.models import SHARE_DEFAULT_EXPIRY_DAYS, SHARE_MAX_ACTIVE, Share

TOO_MANY_SHARES = (
    f"You have {SHARE_MAX_ACTIVE} active shares, the most you can hold at once. "
    "Revoke one you no longer need to make another."
)


def token_hash(token: str) -> str:
    """The SHA-256 of a link's token, as hex: what the database keeps."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_share(
    user,
    *,
    days: int | None = None,
    start: date | None = None,
    end: date | None = None,
    expires_in_days: int = SHARE_DEFAULT_EXPIRY_DAYS,
) -> tuple[Share, str]:
    """A new share of the user's report and its token (not stored: the caller shows it once).
    Raises ValidationError for days, a range or an expiry outside the limits, and (with no
    field, code "too_many_shares") when the user already holds SHARE_MAX_ACTIVE active shares;
    revoked and expired ones do not count. The user's row is locked while counting, so two
    requests at once cannot both take the last place."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # SELECT ... FOR UPDATE of the user's row (a no-op on SQLite, which writes one at a time).
        list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))
        now = timezone.now()
        if active_shares(user, now).count() >= SHARE_MAX_ACTIVE:
            raise ValidationError(TOO_MANY_SHARES, code="too_many_shares")
        share = Share(
            user=user,
            token_hash=token_hash(token),
            days=days,
            start=start,
            end=end,
            created_at=now,
            expires_at=now + timedelta(days=expires_in_days),
        )
        share.full_clean()
        share.save()
    return share, token


def user_shares(user):
    return Share.objects.filter(user=user)


def active_shares(user, now=None):
    """The user's shares whose link still opens: neither revoked nor expired."""
    return user_shares(user).filter(revoked_at__isnull=True, expires_at__gt=now or timezone.now())


def open_share(token: str, *, count: bool = True) -> Share | None:
    """The share a link's token opens, with its owner, counted as opened unless `count` is
    False (a HEAD request: nothing is read); None when the token is unknown, revoked or
    expired."""
    now = timezone.now()
    share = (
        Share.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True, expires_at__gt=now)
        .select_related("user__profile")
        .first()
    )
    if share is not None and count:
        Share.objects.filter(pk=share.pk).update(last_opened_at=now, open_count=F("open_count") + 1)
    return share


def revoke(share: Share) -> None:
    """Its link answers 404 from now on; the share stays listed as revoked."""
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.save(update_fields=["revoked_at"])
