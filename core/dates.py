"""Dates shown in the order the user's browser types them. A date field follows the browser's
language: US English types 12/04/2026, British English and most others 04/12/2026. The request's
Accept-Language picks the language (LocaleMiddleware, settings.LANGUAGES), and each day-first
format the app uses has its month-first twin."""

from django.utils import formats, translation

MONTH_FIRST_LANGUAGES = {"en-us"}
MONTH_FIRST = {
    "l j F Y": "l, F j, Y",
    "D j M Y": "D, M j, Y",
    "D j M": "D, M j",
    "j F Y": "F j, Y",
    "j F": "F j",
    "j M Y": "M j, Y",
    "j M Y, H:i": "M j, Y, H:i",
    "j M": "M j",
}


def is_month_first() -> bool:
    return translation.get_language() in MONTH_FIRST_LANGUAGES


def date_text(value, day_first_format: str) -> str:
    """The date (or datetime) in the day-first format given, or its twin for a month-first user."""
    if value in (None, ""):
        return ""
    chosen = MONTH_FIRST[day_first_format] if is_month_first() else day_first_format
    return formats.date_format(value, chosen)
