from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_save


def say_logged_out(sender, request, user, **kwargs):
    from django.contrib import messages

    messages.info(request, "You have been logged out.")


def revoke_tokens_on_new_password(sender, instance, **kwargs):
    """A password set anew (changed, reset, or by staff) ends the account's API tokens, as it
    ends its other sessions. set_password() leaves the new password in _password until saved."""
    if instance.pk and getattr(instance, "_password", None) is not None:
        from accounts.tokens import revoke_all

        revoke_all(instance)


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(say_logged_out, dispatch_uid="accounts.say_logged_out")
        pre_save.connect(
            revoke_tokens_on_new_password,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="accounts.revoke_tokens_on_new_password",
        )
