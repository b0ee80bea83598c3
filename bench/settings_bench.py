"""Benchmark settings: the production settings, served over plain HTTP on 127.0.0.1.

Only what plain HTTP needs is changed: no HTTPS redirect, cookies without the Secure flag
and without the `__Host-` prefix (a browser, and the load client, send neither over http).
The URLconf adds the floor endpoint, which the product does not have.
"""

import os

from config.settings_production import *  # noqa: F403
from config.settings_production import BASE_DIR, TEMPLATES

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

ROOT_URLCONF = "bench.urls"
TEMPLATES = [{**TEMPLATES[0], "DIRS": [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]}]
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", str(BASE_DIR / "staticfiles"))
