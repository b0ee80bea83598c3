"""Settings for the schemathesis run (scripts/fuzz_api.sh): tokens only, no throttling,
since the fuzzer sends thousands of requests and bad credentials on purpose."""

from config.settings import *  # noqa: F403
from config.settings import REST_FRAMEWORK

REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_AUTHENTICATION_CLASSES": ["accounts.tokens.TokenAuthentication"],
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


def seed_examples(result, generator, request, public):
    """drf-spectacular postprocessing hook for the fuzz run only: the values scripts/fuzz_setup.py
    seeded (a real food id, a day the log takes, alice's credentials and entry ids) written into
    the schema as examples, so that schemathesis' coverage phase, which starts from a schema's
    examples, sends some requests that reach the happy path. FUZZ_SEED_FILE names the file."""
    import json
    import os

    path = os.environ.get("FUZZ_SEED_FILE")
    if not path or not os.path.exists(path):
        return result
    with open(path) as seed_file:
        seeds = json.load(seed_file)
    schemas = result.get("components", {}).get("schemas", {})
    for component, values in seeds["properties"].items():
        if component in schemas:
            # The whole object too: otherwise the examples phase fills in the other properties
            # (a share's start and end beside its days, which the API refuses together).
            schemas[component]["example"] = values
        for name, value in values.items():
            prop = schemas.get(component, {}).get("properties", {}).get(name)
            if prop is None:
                continue
            prop["example"] = value
            for branch in prop.get("oneOf", []):  # an amount: a number or a string of digits
                branch["example"] = float(value) if branch.get("type") == "number" else value
    for component, ranges in seeds.get("id_ranges", {}).items():
        for name, (lowest, highest) in ranges.items():
            prop = schemas.get(component, {}).get("properties", {}).get(name)
            if prop is not None:
                prop["minimum"], prop["maximum"] = lowest, highest
    for operations in result["paths"].values():
        for operation in operations.values():
            seeded_id = seeds["path_ids"].get(operation.get("operationId"))
            for parameter in operation.get("parameters", []):
                if seeded_id is not None and parameter["in"] == "path" and parameter["name"] == "id":
                    parameter["example"] = seeded_id
    return result


SPECTACULAR_SETTINGS = {  # noqa: F405
    **SPECTACULAR_SETTINGS,  # noqa: F405
    "POSTPROCESSING_HOOKS": [
        *SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"],  # noqa: F405
        "config.settings_fuzz.seed_examples",
    ],
}
