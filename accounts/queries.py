"""Reads of a user's profile, shared by every app that shows something per user."""

from django.core.exceptions import ObjectDoesNotExist

from accounts.models import Profile


def profile_of(user) -> Profile | None:
    """The user's profile, or None (anonymous, or not filled in yet). Django keeps the answer
    on the user object, so the page, its view and the context processor ask the database once."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except ObjectDoesNotExist:
        return None


def user_has_ckd(user) -> bool:
    profile = profile_of(user)
    return bool(profile and profile.has_ckd)
