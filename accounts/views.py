from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.forms import ProfileForm, SignupForm
from accounts.models import ApiToken
from accounts.queries import profile_of
from accounts.throttles import throttle_posts
from accounts.time_zones import SESSION_KEY, time_zone_of
from accounts.tokens import revoke_all


@throttle_posts("signup")
def signup(request):
    if request.user.is_authenticated:
        return redirect("tracker:today")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="accounts.backends.ProfileBackend")
        if form.cleaned_data["time_zone"]:
            request.session[SESSION_KEY] = form.cleaned_data["time_zone"]
        messages.success(request, "Welcome! Tell us a little about you so we can show your reference intake.")
        return redirect("accounts:profile")
    return render(request, "registration/signup.html", {"form": form})


@login_required
def profile(request):
    existing = profile_of(request.user)
    # A new profile starts in the browser's time zone from sign-up (UTC without one).
    form = ProfileForm(request.POST or None, instance=existing, initial={"time_zone": time_zone_of(request)})
    if request.method == "POST" and form.is_valid():
        form.instance.user = request.user
        form.save()
        messages.success(request, "Profile saved.")
        return redirect("tracker:today")
    return render(request, "accounts/profile.html", {"form": form, "is_new": existing is None})


@login_required
def tokens(request):
    """The user's API tokens: when each was made and last used, with revoke buttons."""
    return render(request, "accounts/tokens.html", {"tokens": ApiToken.objects.filter(user=request.user)})


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, user=request.user, pk=pk)
    token.delete()
    messages.success(request, f"Revoked the token beginning {token.prefix}.")
    return redirect("accounts:tokens")


@login_required
@require_POST
def tokens_revoke_all(request):
    count = revoke_all(request.user)
    messages.success(request, f"Revoked {count} token{'' if count == 1 else 's'}.")
    return redirect("accounts:tokens")


# Wrong old passwords on the password change form are limited as log-ins are (django-axes: 5
# failures, then 15 minutes): a stolen session must not become a way to guess the password.
PASSWORD_CHANGE_FAILURES = 5
PASSWORD_CHANGE_COOLOFF_S = 15 * 60


def failures_key(user) -> str:
    return f"password-change-failures:{user.pk}"


class PasswordChangeView(auth_views.PasswordChangeView):
    def post(self, request, *args, **kwargs):
        if cache.get(failures_key(request.user), 0) >= PASSWORD_CHANGE_FAILURES:
            response = render(
                request,
                "registration/throttled.html",
                {"wait_minutes": PASSWORD_CHANGE_COOLOFF_S // 60},
                status=429,
            )
            response["Retry-After"] = str(PASSWORD_CHANGE_COOLOFF_S)
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            key = failures_key(self.request.user)
            cache.add(key, 0, PASSWORD_CHANGE_COOLOFF_S)
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, PASSWORD_CHANGE_COOLOFF_S)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(failures_key(self.request.user))
        return super().form_valid(form)


class LogoutView(auth_views.LogoutView):
    """Django's log out, which also has the browser forget what it kept of this site: the day pages
    the service worker keeps for offline (config/pwa.py) and htmx's page history (sessionStorage)
    must not outlive the session. Chromium empties the Cache Storage the worker uses only for
    "storage" ("cache" is the HTTP cache); "storage" also removes the worker, which the next page
    installs again. The worker and static/js/pwa.js drop the day pages too, on the log-in page
    that follows (tests/e2e/test_pwa.py tries each way alone)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
