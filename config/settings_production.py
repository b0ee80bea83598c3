"""Production settings: the base settings plus HTTPS-only cookies and headers.

Select with DJANGO_SETTINGS_MODULE=config.settings_production; it needs
DJANGO_SECRET_KEY (50+ random characters), DJANGO_ALLOWED_HOSTS and DATABASE_URL, REDIS_URL
for more than one app node, and `manage.py createcachetable` and `collectstatic` before
serving. See README.md and docs/SCALING.md.
"""

from django.core.exceptions import ImproperlyConfigured

from config.logging import PRODUCTION_LOGGING
from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, REDIS_CACHES, REDIS_URL, SECRET_KEY, SHARED_CACHE, env_bool

if SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a long random value (50 or more characters).")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# __Host- cookies are sent only over HTTPS, to this host, for every path.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
if env_bool("DJANGO_BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# collectstatic gathers the files here and WhiteNoise serves them from here.
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One cache for every gunicorn worker and every app node, so the request limits and one-time
# form tokens hold: Redis when REDIS_URL is set (sessions then cached there, kept in the
# database), else the database table.
if REDIS_URL:
    CACHES = REDIS_CACHES
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
else:
    CACHES = {"default": SHARED_CACHE}

# One JSON line per request and per error on stdout, with the request id; no personal data.
LOGGING = PRODUCTION_LOGGING
