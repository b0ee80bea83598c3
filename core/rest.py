"""Pieces every part of the REST API shares: paging, throttling, strict input fields,
JSON error pages under /api/ and the error responses written into the OpenAPI schema."""

import json
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle, UserRateThrottle
from rest_framework.utils.json import strict_constant

from core.cache import CACHE_ERRORS, cache_down
from core.clients import client_address
from core.validators import validate_one_line

API_PREFIX = "/api/"


class Pagination(PageNumberPagination):
    page_size = 50

    def get_page_number(self, request, paginator):
        """The page asked for: digits only, as the schema's integer says (DRF alone reads
        `?page=` as page 1)."""
        number = request.query_params.get(self.page_query_param, "1")
        if not number.isascii() or not number.isdigit():
            raise NotFound(self.invalid_page_message.format(page_number=number, message="Not a number."))
        return number

    def get_schema_operation_parameters(self, view):
        """The page parameter says it starts at 1: page 0 is no page (404), as one past the last."""
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters


# Deeper than any request body the API describes (a custom food's portions: 3 levels).
MAX_JSON_DEPTH = 20


def checked_json(data):
    """The parsed body, when no container is nested deeper than MAX_JSON_DEPTH and every string
    is valid Unicode; otherwise a ParseError. Walked without recursion, so any depth is safe."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                message = "JSON parse error - a string holds an unpaired surrogate (\\ud800-\\udfff)."
                raise ParseError(message) from error
            continue
        if isinstance(value, dict | list) and depth > MAX_JSON_DEPTH:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(value, dict):
            pending += [(key, depth) for key in value] + [(item, depth + 1) for item in value.values()]
        elif isinstance(value, list):
            pending += [(item, depth + 1) for item in value]
    return data


class UnicodeJSONParser(JSONParser):
    """JSON that a view can use, or a 400 (ParseError) for anything else, never a 500.

    - Numbers with a fraction or exponent are read as Decimal, exactly as written ("amount_g":
      28.35 is 28.35, not the float nearest to it); NaN and Infinity are refused.
    - A body larger than DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is parsed.
    - Nesting deeper than MAX_JSON_DEPTH is refused, and so is nesting too deep for the parser
      itself (a RecursionError), such as a thousand `[`.
    - Every string is valid Unicode: JSON lets a string escape half of a surrogate pair
      ("\\ud800"), which no database stores and no response can echo back as UTF-8.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise ParseError(f"JSON parse error - the body is larger than {limit} bytes.")
        try:
            data = json.loads(raw.decode(encoding), parse_float=Decimal, parse_constant=strict_constant)
        except RecursionError as error:
            raise ParseError("JSON parse error - nested too deep.") from error
        except LookupError as error:
            raise ParseError(f"Unsupported charset {encoding!r} in the Content-Type header.") from error
        except ValueError as error:  # UnicodeDecodeError and json's JSONDecodeError included
            raise ParseError(f"JSON parse error - {error}") from error
        return checked_json(data)


# Limits that guard a password or an account (the API token, sign-up, password reset, account
# deletion): while the cache that counts them is down, they refuse rather than let guessing run.
CREDENTIAL_SCOPES = frozenset({"token", "signup", "password_reset", "account_delete"})


class CacheSafeThrottle(SimpleRateThrottle):
    """A rate limit that survives its cache being down: it refuses (429) for a credential
    scope and lets the request through otherwise, and logs it either way."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS as error:
            cache_down(f"throttle {self.scope}", error)
            self.history = []
            return self.scope not in CREDENTIAL_SCOPES

    def get_rate(self):
        """An empty rate ("DJANGO_API_TOKEN_RATE=") turns the limit off, as for the forms' limits,
        rather than failing every request."""
        return super().get_rate() or None


class AddressRateThrottle(CacheSafeThrottle, ScopedRateThrottle):
    """DRF's per-view scopes ("token"), counted by the client's address as every limit reads
    it, and safe when the cache is down."""

    def get_ident(self, request):
        return client_address(request)


class WriteRateThrottle(CacheSafeThrottle, UserRateThrottle):
    """Limits each user's writes (POST, PUT, PATCH, DELETE). Before login only the token
    endpoint answers, and it has its own scope ("token", by address)."""

    scope = "writes"

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS or not request.user.is_authenticated:
            return True
        return super().allow_request(request, view)


class IsoDateField(serializers.DateField):
    """A date written exactly as YYYY-MM-DD, the only form the schema's `format: date` allows."""

    pattern = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

    def to_internal_value(self, value):
        if not isinstance(value, str) or not self.pattern.fullmatch(value):
            self.fail("invalid", format="YYYY-MM-DD")
        return super().to_internal_value(value)


class StrictBooleanField(serializers.BooleanField):
    """Only JSON true or false, as the schema says (DRF alone also takes 1, "yes", "on"...)."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """An id given as a JSON integer, as the schema says (DRF alone also takes "12" and 12.0)."""

    def to_internal_value(self, data):
        if type(data) is not int:
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


# A JSON number beyond this many digits either side of the point is refused before it is written
# out in full (1e999999999 would be a billion characters).
NUMBER_EXPONENT_LIMIT = 30


def plain_number(data) -> str | None:
    """A JSON number (int, or Decimal as UnicodeJSONParser reads it; a float from Python code)
    written as plain decimal digits, or None for anything else."""
    if isinstance(data, bool) or not isinstance(data, int | float | Decimal):
        return None
    if isinstance(data, float):
        data = Decimal(repr(data))
    number = Decimal(data) if isinstance(data, int) and abs(data) < 10**NUMBER_EXPONENT_LIMIT else data
    if not isinstance(number, Decimal) or not number.is_finite():
        return None
    exponent = number.as_tuple().exponent
    if not isinstance(exponent, int) or max(abs(number.adjusted()), abs(exponent)) > NUMBER_EXPONENT_LIMIT:
        return None
    return format(number, "f")


class DecimalString(serializers.DecimalField):
    """A non-negative decimal, given as a JSON number (28.35) or a string of digits ("28.35"),
    and written out as an exact decimal string.

    The schema publishes the regular expression that validation applies to a string, and the
    bounds and places that a number must keep, so schema and validation cannot disagree.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        whole, places = self.max_whole_digits, self.decimal_places
        # Above a minimum of more than 0, a string with no digit but 0 is refused by the pattern
        # too, so that the schema says what validation does ("0" and "0.00" are never an amount).
        # (A zero that passes digits is then refused by the minimum's own message.)
        digits = rf"[0-9]{{1,{whole}}}(\.[0-9]{{1,{places}}})?$"
        nonzero = "(?=.*[1-9])" if self.min_value is not None and self.min_value > 0 else ""
        self.digits, self.pattern = re.compile(f"^{digits}"), re.compile(f"^{nonzero}{digits}")

    def validate_empty_values(self, data):
        # Only JSON null is null (DRF's DecimalField also reads "" and "  " as null).
        return serializers.Field.validate_empty_values(self, data)

    def to_internal_value(self, data):
        text = data if isinstance(data, str) else plain_number(data)
        if text is None:
            self.fail("invalid")
        if not self.digits.fullmatch(text):
            # DRF's own message where it has a precise one (too many places, below the minimum).
            super().to_internal_value(text)
            self.fail("invalid")
        return super().to_internal_value(text)


class DecimalStringSchema(OpenApiSerializerFieldExtension):
    target_class = DecimalString

    def map_serializer_field(self, auto_schema, direction):
        string = {"type": "string", "format": "decimal", "pattern": self.target.pattern.pattern}
        if direction == "response":
            return string
        number = {"type": "number", "multipleOf": float(Decimal(1).scaleb(-self.target.decimal_places))}
        if self.target.min_value is not None:
            number["minimum"] = float(self.target.min_value)
        if self.target.max_value is not None:
            number["maximum"] = float(self.target.max_value)
        return {"oneOf": [number, string]}


class NameText(serializers.CharField):
    """A name, stored without the spaces around it as the forms do. Its length is checked as
    sent and a blank one is refused by a pattern, so the schema's maxLength and pattern say
    exactly what is accepted (DRF alone trims first: 121 characters with a trailing space pass
    a 120-character limit). Control characters are refused as on the web forms."""

    def __init__(self, **kwargs):
        super().__init__(trim_whitespace=False, **kwargs)
        self.validators += [RegexValidator(r"\S", "This field may not be blank."), validate_one_line]

    def to_internal_value(self, data):
        if not isinstance(data, str):  # DRF alone turns a number into text
            self.fail("invalid")
        return super().to_internal_value(data)

    def run_validation(self, data=serializers.empty):
        value = super().run_validation(data)
        return value.strip() if isinstance(value, str) else value


class SearchText(serializers.CharField):
    """Free text to search or filter by. NUL characters are dropped: no name holds one and
    PostgreSQL refuses them in a query."""

    def to_internal_value(self, data):
        return super().to_internal_value(data).replace("\x00", "")


class KnownFieldsOnly(serializers.Serializer):
    """A serializer mixin: a write naming a field the serializer does not have is a 400 naming
    that field, not silently dropped (a typo such as "amount" for "amount_g" would otherwise
    save something else than the client meant). Read-only fields, such as an object's id sent
    back with it, are known and ignored."""

    unknown_field_message = "Unknown field: this write takes only {fields}."

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = [name for name in data if name not in self.fields]
            if unknown:
                writable = ", ".join(name for name, field in self.fields.items() if not field.read_only)
                message = self.unknown_field_message.format(fields=writable)
                raise ValidationError({name[:100]: [message] for name in unknown[:20]})
        return super().to_internal_value(data)


def validated_query(serializer_class, request) -> dict:
    """The query string checked by a serializer; a bad value is a 400 with field errors.

    A parameter given twice is refused. The serializer reads a plain dict, not the QueryDict,
    so that an empty value such as `?date=` is checked (and refused) instead of being taken
    for a missing one as in an HTML form."""
    repeated = [name for name, values in request.query_params.lists() if len(values) > 1]
    if repeated:
        raise ValidationError({name: ["Give this parameter once."] for name in repeated})
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data


def exception_handler(exc, context):
    """DRF's handler, also answering a model's ValidationError (raised while saving, such as a
    day that holds no more entries) as a 400 with its field messages rather than a 500."""
    # Imported here: rest_framework.views reads the parser classes of this module when imported.
    from rest_framework.views import exception_handler as drf_exception_handler

    if isinstance(exc, DjangoValidationError):
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = ValidationError(messages)
    return drf_exception_handler(exc, context)


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


# Django's error pages, answered as JSON under /api/ (the DRF views answer their own
# errors; these cover unknown paths and failures outside a view).
def bad_request(request, exception):
    if not is_api(request):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return json_error(400, f"The body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.")
    return json_error(400, "Bad request.")


def permission_denied(request, exception):
    if is_api(request):
        return json_error(403, "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception):
    return json_error(404, "Not found.") if is_api(request) else defaults.page_not_found(request, exception)


def server_error(request):
    return json_error(500, "Server error.") if is_api(request) else defaults.server_error(request)


ERROR_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "description": "Each field in error (or non_field_errors) maps to a list of messages; "
    "a body that is not valid JSON gets a detail message instead.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}
ERROR_RESPONSES = {
    "400": ("Invalid input, with a message for each field in error.", "FieldErrors"),
    "401": ("Not logged in: send `Authorization: Token <key>` or a session cookie.", "Error"),
    "403": ("Not allowed; for a session, the CSRF token is missing or wrong.", "Error"),
    "404": ("Not found; another user's object is not found either.", "Error"),
    "429": ("Too many requests: wait the number of seconds in the Retry-After header.", "Error"),
}
BODY_ERROR_RESPONSES = {
    "415": ("The body is not JSON (Content-Type: application/json).", "Error"),
}


def document_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the error answers every operation can give."""
    result.setdefault("components", {}).setdefault("schemas", {}).update(
        Error=ERROR_SCHEMA, FieldErrors=FIELD_ERRORS_SCHEMA
    )
    for path in result["paths"].values():
        for operation in path.values():
            errors = {**ERROR_RESPONSES, **(BODY_ERROR_RESPONSES if "requestBody" in operation else {})}
            for status, (description, component) in errors.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{component}"}}
                        },
                    },
                )
    return result


def forbid_unknown_request_fields(result, generator, request, public):
    """drf-spectacular postprocessing hook: request bodies take only the fields they list
    (KnownFieldsOnly answers 400 to any other)."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    return result


def link_created_objects(result, generator, request, public):
    """drf-spectacular postprocessing hook: OpenAPI links from each create (POST on a list,
    201) to the operations on the object it made (`{list}{id}/`), with the id from the answer,
    so a client generator or a fuzzer can follow a new object to its detail routes."""
    paths = result["paths"]
    for path, operations in paths.items():
        created = operations.get("post", {}).get("responses", {}).get("201")
        detail = paths.get(f"{path}{{id}}/")
        if created is None or detail is None:
            continue
        created["links"] = {
            f"{method.capitalize()}{operation['operationId'].split('_')[0].capitalize()}": {
                "operationId": operation["operationId"],
                "parameters": {"id": "$response.body#/id"},
            }
            for method, operation in detail.items()
            if method in ("get", "put", "patch", "delete")
        }
    return result
