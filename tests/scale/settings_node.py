"""One app node for the scale-out tests and `make nodes`: the production settings (Redis cache,
cached_db sessions, the Celery broker), served over plain HTTP on 127.0.0.1 as the benchmark's
are: no HTTPS redirect, no Secure flag or `__Host-` prefix on cookies, static files from the
app folders (no collectstatic)."""

from config.settings_production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
