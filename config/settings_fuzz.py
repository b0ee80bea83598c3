"""Settings for the schemathesis run (scripts/fuzz_api.sh): tokens only, no throttling,
since the fuzzer sends thousands of requests and bad credentials on purpose."""

from config.settings import *  # noqa: F403
from config.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.authentication.TimeZoneTokenAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": [],
}

# The fuzzer calls the token endpoint a thousand times; a slow hasher would take most of the run.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Concurrent requests on SQLite: take the write lock when a transaction begins and wait for it,
# rather than fail with "database is locked".
DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)  # noqa: F405

# The fuzzer sends wrong credentials on purpose; a login lockout (django-axes, when installed)
# would lock 127.0.0.1 out for the rest of the run.
AXES_ENABLED = False
