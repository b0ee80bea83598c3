"""Shares of the report (tracker/shares.py): the owner's page that makes, lists and revokes
them, and the page a shared link opens for anyone, without logging in."""

import zoneinfo
from math import ceil

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from accounts.models import DEFAULT_TIME_ZONE
from accounts.queries import profile_of
from accounts.throttles import AccountFormThrottle
from core import ckd, once
from tracker import shares
from tracker.forms import ShareForm
from tracker.models import SHARE_MAX_ACTIVE
from tracker.views import report_context

# Every answer of a shared link, found or not: kept out of search engines, caches and the
# Referer header of any link a reader follows.
SHARED_HEADERS = {
    "X-Robots-Tag": "noindex, nofollow",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store",
}


def shared_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("tracker:shared_report", args=[token]))


@login_required
def share_list(request):
    """The user's shares, and a form for a new one. The new link is shown once, in the answer
    to the form: only its hash is kept."""
    new_link = None
    if request.method == "POST":
        form = ShareForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with once.writing(request) as repeat:
                    if repeat:
                        once.repeated(request)
                        return redirect("tracker:shares")
                    _, token = shares.create_share(
                        request.user,
                        days=data["days"],
                        start=data["start"],
                        end=data["end"],
                        expires_in_days=data["expires_in_days"],
                    )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                new_link = shared_url(request, token)
                form = ShareForm()
    else:
        # Opened from the report's "Share this report": that report's days, or its range.
        form = ShareForm(
            initial={key: request.GET[key][:10] for key in ("days", "start", "end") if key in request.GET}
        )
    context = {
        "form": form,
        "shares": shares.user_shares(request.user),
        "new_link": new_link,
        "now": timezone.now(),
        "max_active": SHARE_MAX_ACTIVE,
    }
    return render(request, "tracker/shares.html", context)


@login_required
@require_POST
def share_revoke(request, pk):
    share = get_object_or_404(shares.user_shares(request.user), pk=pk)
    shares.revoke(share)
    messages.success(request, "The share is revoked: its link no longer opens your report.")
    return redirect("tracker:shares")


def shared_answer(request, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    for header, value in SHARED_HEADERS.items():
        response[header] = value
    return response


@require_safe
def shared_report(request, token):
    """The report a share covers, for whoever has the link. Unknown, expired and revoked links
    get the same 404. Limited per client address, like the account forms. A HEAD answers as a
    GET would but is not counted as an opening."""
    throttle = AccountFormThrottle("shared_report")
    if not throttle.allow_request(request, None):
        wait = ceil(throttle.wait() or 1)
        response = shared_answer(
            request, "tracker/shared/throttled.html", {"wait_minutes": ceil(wait / 60)}, 429
        )
        response["Retry-After"] = str(wait)
        return response
    # Only a GET that serves the report is an opening: a HEAD (a link checker, a preview)
    # reads nothing.
    share = shares.open_share(token, count=request.method == "GET")
    if share is None:
        return shared_answer(request, "tracker/shared/not_found.html", {}, status=404)
    owner = share.user
    profile = profile_of(owner)
    zone = zoneinfo.ZoneInfo(profile.time_zone if profile else DEFAULT_TIME_ZONE)
    start, end = share.period(timezone.localdate(timezone=zone))
    context = {
        **report_context(owner, start, end, shared=True),
        "owner_has_ckd": bool(profile and profile.has_ckd),
        "CKD_SHARED_NOTE": ckd.SHARED_NOTE,
        "expires_on": timezone.localtime(share.expires_at, zone).date(),
    }
    return shared_answer(request, "tracker/shared/report.html", context)
