"""Pieces every part of the REST API shares: paging, throttling, strict input fields,
JSON error pages under /api/ and the error responses written into the OpenAPI schema."""

import json
import re

from django.core.validators import RegexValidator
from django.http import JsonResponse
from django.views import defaults
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ParseError, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import JSONParser
from rest_framework.permissions import SAFE_METHODS
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle

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


class UnicodeJSONParser(JSONParser):
    """JSON whose strings are all valid Unicode. JSON lets a string escape half of a surrogate
    pair ("\\ud800"), which no database stores and no response can echo back as UTF-8."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError as error:
            message = "JSON parse error - a string holds an unpaired surrogate (\\ud800-\\udfff)."
            raise ParseError(message) from error
        return data


class AddressRateThrottle(ScopedRateThrottle):
    """DRF's per-view scopes ("token"), counted by the client's address as every limit reads it."""

    def get_ident(self, request):
        return client_address(request)


class WriteRateThrottle(UserRateThrottle):
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


class DecimalString(serializers.DecimalField):
    """A non-negative decimal written as a JSON string of digits, such as "28.35".

    The schema publishes the same regular expression that validation applies, so the two
    cannot disagree on digits or decimal places; bounds are checked after it.
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        whole, places = self.max_whole_digits, self.decimal_places
        self.pattern = re.compile(rf"^[0-9]{{1,{whole}}}(\.[0-9]{{1,{places}}})?$")

    def validate_empty_values(self, data):
        # Only JSON null is null (DRF's DecimalField also reads "" and "  " as null).
        return serializers.Field.validate_empty_values(self, data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not self.pattern.fullmatch(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class DecimalStringSchema(OpenApiSerializerFieldExtension):
    target_class = DecimalString

    def map_serializer_field(self, auto_schema, direction):
        return {"type": "string", "format": "decimal", "pattern": self.target.pattern.pattern}


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


def is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def json_error(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


# Django's error pages, answered as JSON under /api/ (the DRF views answer their own
# errors; these cover unknown paths and failures outside a view).
def bad_request(request, exception):
    return json_error(400, "Bad request.") if is_api(request) else defaults.bad_request(request, exception)


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
