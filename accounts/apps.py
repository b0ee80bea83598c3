from django.apps import AppConfig


def say_logged_out(sender, request, user, **kwargs):
    from django.contrib import messages

    messages.info(request, "You have been logged out.")


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(say_logged_out, dispatch_uid="accounts.say_logged_out")
