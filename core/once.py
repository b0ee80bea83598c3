"""One write per submission: a form that adds something carries a random token, and a second
POST with the same token (a double click, a page sent again) writes nothing.

Tokens are claimed in Django's cache with add(), which is atomic, so two requests racing with one
token write once. Several server processes need a shared cache, as the request limits do.
While that cache is down the check lets the submission through (and logs it): a double click
may then save twice, which is better than a real submission lost.
"""

import secrets
from contextlib import contextmanager
from html import escape

from django.contrib import messages
from django.core.cache import cache
from django.db import transaction
from django.utils.safestring import mark_safe

from core.cache import CACHE_ERRORS, cache_down

FIELD = "once"
TOKEN_LIFETIME_S = 24 * 60 * 60
REPEATED = "That form was sent twice; it was saved only once."


def new_token() -> str:
    return secrets.token_urlsafe(16)


def hidden_field(request) -> str:
    """The token's hidden input: the token the form was posted with when it is shown again
    with errors (it was not used), else a new one."""
    posted = request.POST.get(FIELD, "") if request is not None and request.method == "POST" else ""
    # an f-string, not format_html: a search page writes one a row (foods/templatetags/food_rows.py)
    return mark_safe(f'<input type="hidden" name="{FIELD}" value="{escape(posted or new_token())}">')


def key(request) -> str:
    return f"once:{request.user.pk}:{request.POST.get(FIELD, '')[:64]}"


def is_repeat(request) -> bool:
    """True when this POST's token was used before; otherwise the token is claimed now.
    A POST without a token (an older page, a script) counts as new. The database cache's
    add() also answers False when the database refused the insert: only a token that is
    there counts as used, so a real submission is never dropped."""
    if not request.POST.get(FIELD, ""):
        return False
    try:
        return not cache.add(key(request), True, TOKEN_LIFETIME_S) and cache.get(key(request)) is not None
    except CACHE_ERRORS as error:
        cache_down("one-time token", error)
        return False


def release(request) -> None:
    """Give the token back when the write it was claimed for did not happen (the form is
    shown again with an error and may be sent again)."""
    try:
        cache.delete(key(request))
    except CACHE_ERRORS as error:
        cache_down("one-time token release", error)


@contextmanager
def writing(request):
    """Claim the token and make the write it is for, as one transaction. Yields True when the
    token was used before: a repeat, so write nothing.

    When the write fails the token is given back (the form is shown again and may be sent
    again): the claim rolls back with the write where the cache is the database (production),
    even when the worker is killed mid-write and no code of ours runs; another cache gets the
    token released besides."""
    try:
        with transaction.atomic():
            yield is_repeat(request)
    except BaseException:
        release(request)
        raise


def repeated(request) -> None:
    messages.info(request, REPEATED)
