"""Settings for Magnesium Tracker, read from the environment with safe local defaults.

See the configuration table in README.md.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# The default key is for local use only; `check --deploy` flags it.
SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "django-insecure-local-development-key-do-not-use-in-production"
)
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "simple_history",
    # request.htmx: the food list answers search-as-you-type with its results only.
    "django_htmx",
    "import_export",
    "rest_framework",
    # Only for the migration that moved its tokens into accounts.ApiToken, hashed; it stays
    # installed so that migration can run on an older database.
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "foods",
    "tracker",
    "learn",
]

MIDDLEWARE = [
    # First: every request gets an id and one log line (config/logging.py), whatever answers it.
    "config.logging.RequestLogMiddleware",
    # /healthz and /readyz next: no host check, HTTPS redirect, session or lockout for them
    "config.middleware.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language, from Accept-Language: only the order dates are shown in (core/dates.py).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # "Today" is the user's own date (Profile.time_zone).
    "accounts.time_zones.UserTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Each logged-in user's form posts, limited (ACCOUNT_THROTTLE_RATES["page_writes"]).
    "config.middleware.PageWriteLimitMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change to a food or portion (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.NoStoreForUsersMiddleware",
    # django-axes wants to be last
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.kidney",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: readers do not wait for a writer (several server processes share the
    # file), and a commit appends to the log without an fsync of its own (NORMAL is safe with
    # WAL; a power cut can lose the last commits, never corrupt the file); with the default
    # rollback journal most of logging an entry was the commit's fsyncs.
    # IMMEDIATE: a transaction takes the write lock when it begins, waiting for another
    # process's write to end, instead of failing with "database is locked" when it first
    # writes after reading (as the database cache's add() does).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    options.setdefault("transaction_mode", "IMMEDIATE")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off for long analytic queries, not for pages. The food gap
    # suggestions and the search count cost above jit_above_cost, and compiling them took
    # longer than running them (bench/REPORT.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    # A pool of connections per process (psycopg_pool, Django 5.2), instead of one kept per
    # thread: DJANGO_DB_POOL_SIZE connections at most, shared by the process's threads
    # (docs/SCALING.md). A pool and persistent connections exclude each other.
    if pool_size := int(os.environ.get("DJANGO_DB_POOL_SIZE", "0") or 0):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"]["OPTIONS"]["pool"] = {"min_size": 1, "max_size": pool_size, "timeout": 10}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2id first; older hashes are upgraded at the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# OWASP ASVS 5.0 6.2: at least 12 characters, common passwords refused, no composition rules.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.ProfileBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tracker:today"
LOGOUT_REDIRECT_URL = "login"

# Dates are shown in the order the user's browser types them (core/dates.py): British English,
# day first, unless the browser asks for US English.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English (day first)"), ("en-us", "English (US, month first)")]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# WhiteNoise serves the files straight from the app folders, so no collectstatic
# step is needed to run the app. No STATIC_ROOT here: WhiteNoise reads any STATIC_ROOT
# at startup and warns when the folder is missing, as it is in a fresh clone
# (collectstatic, a deploy step, sets it in settings_production).
WHITENOISE_USE_FINDERS = True

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Curators correct a food by editing it (which is recorded too), not by reverting to an
# old version: a revert would restore the food's fields but not its portions.
SIMPLE_HISTORY_REVERT_DISABLED = True

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Magnesium Tracker <noreply@localhost>")

# Security headers for every environment; settings_production adds HTTPS-only settings.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        # 'unsafe-hashes' lets through one style attribute, by its hash: simple-history's
        # history list writes <p class="paginator" style="border-top: 0">.
        "style-src": ["'self'", "'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": ["'self'", "data:"],
        # The service worker (/sw.js) and the web app manifest, both from this site (config/pwa.py).
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# How many proxies in front of the app append to X-Forwarded-For (README "Deploying"). 0: the
# client's address is REMOTE_ADDR and X-Forwarded-For is ignored, so a client cannot reset a
# request limit by writing a new address into the header. DRF, the account forms' limits and
# django-axes all read the address through core.clients.client_address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Brute-force protection on login: 5 failures lock that username from that address
# for 15 minutes (never permanently); a success resets the count.
AXES_ENABLED = env_bool("DJANGO_AXES_ENABLED", True)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"

# Django's cache holds the request limits (accounts.throttles, DRF) and the one-time form
# tokens (core.once). Locally it is each process's memory; settings_production uses
# SHARED_CACHE, a database table (`manage.py createcachetable`) that every gunicorn worker
# sees, where add() is atomic (a second insert of a key fails). Tokens live a day: cull only
# well beyond a day's forms and request histories.
SHARED_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "django_cache",
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}

# Redis, when REDIS_URL names one: settings_production keeps the cache (request limits,
# one-time tokens) and cached sessions there, and the job queue uses it as its broker. Short
# timeouts: a Redis that does not answer must not hold a request (core/cache.py says what
# then happens).
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
REDIS_CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "mg",
        "OPTIONS": REDIS_OPTIONS,
    },
    # Sessions are kept in the database too (cached_db); while Redis is down they are read there.
    "sessions": {
        "BACKEND": "core.cache.FailSoftRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "mg-session",
        "OPTIONS": REDIS_OPTIONS,
    },
}

# Background jobs (Celery): the food import, the data export, e-mails and the clean-up. With
# no broker (CELERY_BROKER_URL, else REDIS_URL) each job runs at once in the request that asks
# for it, so `make run` needs no worker. Each job keeps its own state in the database (foods
# ImportJob, tracker ExportJob), so no result backend. acks_late: a job whose worker died is
# delivered again; every job is safe to run twice.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A request that queues a job waits for a missing broker a second at most, then says so.
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.3}
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, **REDIS_OPTIONS}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "remove-expired-sessions-and-tokens": {"task": "accounts.tasks.remove_expired", "schedule": 3600.0},
    "remove-old-exports": {"task": "tracker.tasks.remove_old_exports", "schedule": 3600.0},
    "remove-old-imports": {"task": "foods.tasks.remove_old_imports", "schedule": 24 * 3600.0},
    "refresh-food-popularity": {"task": "tracker.tasks.refresh_popularity", "schedule": 24 * 3600.0},
    "remove-old-log-imports": {"task": "tracker.tasks.remove_old_log_imports", "schedule": 3600.0},
}

# Requests per client address for the account forms (see accounts/throttles.py).
ACCOUNT_THROTTLE_RATES = {
    "signup": os.environ.get("DJANGO_SIGNUP_RATE", "10/hour"),
    "password_reset": os.environ.get("DJANGO_PASSWORD_RESET_RATE", "5/hour"),
    "account_delete": os.environ.get("DJANGO_ACCOUNT_DELETE_RATE", "10/hour"),
    # Per logged-in user, every form that posts (config.middleware.PageWriteLimitMiddleware).
    "page_writes": os.environ.get("DJANGO_PAGE_WRITE_RATE", "120/minute"),
    # Openings of a shared report's link (tracker/share_views.py), by anyone.
    "shared_report": os.environ.get("DJANGO_SHARED_REPORT_RATE", "60/hour"),
}

# The REST API (/api/v1/). Token first, so an anonymous request gets 401 with a
# WWW-Authenticate header; sessions (with CSRF) serve the browser. JSON only: no
# browsable API pages.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.tokens.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.rest.UnicodeJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.rest.Pagination",
    "EXCEPTION_HANDLER": "core.rest.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "core.rest.AddressRateThrottle",
        "core.rest.WriteRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("DJANGO_API_TOKEN_RATE", "10/minute"),
        "writes": os.environ.get("DJANGO_API_WRITE_RATE", "120/minute"),
    },
    # The client's address for the limits: as core.clients.client_address reads it.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
# How long an API token works (accounts.tokens); POST /api/v1/auth/token/ gives a new one.
API_TOKEN_LIFETIME = timedelta(days=int(os.environ.get("DJANGO_API_TOKEN_DAYS", "90")))
SPECTACULAR_SETTINGS = {
    "TITLE": "Magnesium Tracker API",
    "DESCRIPTION": "Your food log, daily magnesium summaries and profile. Education, not medical advice.",
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"SupplementFormEnum": "tracker.models.Compound"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.rest.document_error_responses",
        "core.rest.forbid_unknown_request_fields",
        "core.rest.link_created_objects",
    ],
}
