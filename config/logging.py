"""Production logs: one JSON object a line on standard output, each with the id of the request
it belongs to, and nothing that identifies a person (no user, address, query string or body;
a request's route pattern, not its path)."""

import contextvars
import json
import logging
import re
import time
import uuid

request_id = contextvars.ContextVar("request_id", default="")
# A request id from the proxy in front is kept when it is a plain token, so the two logs join up.
GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
log = logging.getLogger("magnesium.request")


def route_of(request) -> str:
    """The URL pattern that served the request ("day/<str:day>/"), never the path itself, which
    can hold a date of someone's log or a password reset token."""
    match = getattr(request, "resolver_match", None)
    return f"/{match.route}" if match is not None and match.route else "(unmatched)"


class JsonFormatter(logging.Formatter):
    FIELDS = ("method", "route", "status", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        event = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": request_id.get(),
        }
        if hasattr(record, "request"):
            # Django's own request errors ("Internal Server Error: <path>"): the reason, and the route.
            event["message"] = (
                str(record.args[0]) if isinstance(record.args, tuple) and record.args else record.msg
            )
            event["route"] = route_of(record.request)
            event["status"] = getattr(getattr(record, "response", None), "status_code", None)
        else:
            event["message"] = record.getMessage()
        event.update({name: getattr(record, name) for name in self.FIELDS if hasattr(record, name)})
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, default=str)


class RequestLogMiddleware:
    """Gives each request an id (X-Request-ID, on the response too) and logs one line when it
    is answered: method, route, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if GIVEN_ID.fullmatch(given) else uuid.uuid4().hex)
        start = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            log.info(
                "request",
                extra={
                    "method": request.method if request.method in KNOWN_METHODS else "OTHER",
                    "route": route_of(request),
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - start) * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}

# settings_production's LOGGING: these lines on stdout, and Django's errors with their tracebacks.
PRODUCTION_LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}
    },
    "root": {"handlers": ["stdout"], "level": "WARNING"},
    "loggers": {
        "magnesium.request": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        # Errors (5xx) only: its 4xx warnings name the path, one line per request is ours.
        "django.request": {"handlers": ["stdout"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "propagate": False},
    },
}
