from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.forms import ProfileForm, SignupForm
from accounts.queries import profile_of
from accounts.throttles import throttle_posts
from accounts.time_zones import SESSION_KEY, time_zone_of


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
