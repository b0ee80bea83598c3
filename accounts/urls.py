from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import api, views
from accounts.forms import LoginForm, QueuedPasswordResetForm
from accounts.throttles import throttle_posts

# The "accounts" namespace; the data export and account deletion are the log's
# (tracker.urls.account_pages) and join these in config/urls.py.
app_name = "accounts"
urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("profile/", views.profile, name="profile"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("tokens/revoke-all/", views.tokens_revoke_all, name="tokens_revoke_all"),
]

api_urlpatterns = [
    path("auth/token/", api.TokenView.as_view(), name="token"),
    path("profile/", api.ProfileView.as_view(), name="profile"),
]

# Django's login view with a bounded username; included before django.contrib.auth.urls.
login = path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login")

# Django's logout view, which also empties the browser's caches (the day pages kept for offline).
logout = path("logout/", views.LogoutView.as_view(), name="logout")

# Django's password reset view with a per-address limit; included before
# django.contrib.auth.urls so that this one answers.
password_reset = path(
    "password_reset/",
    throttle_posts("password_reset")(
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm)
    ),
    name="password_reset",
)

# Django's password change view with a limit on wrong old passwords; included before
# django.contrib.auth.urls so that this one answers.
password_change = path("password_change/", views.PasswordChangeView.as_view(), name="password_change")
