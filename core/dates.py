"""Dates shown in the order the user's browser types them. A date field follows the browser's
language: US English types 12/04/2026, British English and most others 04/12/2026. The request's
Accept-Language picks the language (LocaleMiddleware, settings.LANGUAGES), and each format the app
shows dates in has a day-first and a month-first form. English names only (strftime's C locale)."""

from django.utils import translation

MONTH_FIRST_LANGUAGES = {"en-us"}
# The app's date formats, named by their day-first form (Django's letters), as strftime patterns:
# (day first, month first).
FORMATS = {
    "l j F Y": ("%A %-d %B %Y", "%A, %B %-d, %Y"),
    "D j M Y": ("%a %-d %b %Y", "%a, %b %-d, %Y"),
    "D j M": ("%a %-d %b", "%a, %b %-d"),
    "j F Y": ("%-d %B %Y", "%B %-d, %Y"),
    "j F": ("%-d %B", "%B %-d"),
    "j M Y": ("%-d %b %Y", "%b %-d, %Y"),
    "j M Y, H:i": ("%-d %b %Y, %H:%M", "%b %-d, %Y, %H:%M"),
    "j M": ("%-d %b", "%b %-d"),
}


def is_month_first() -> bool:
    return translation.get_language() in MONTH_FIRST_LANGUAGES


def date_pattern(name: str) -> str:
    """The strftime pattern of the format named, in the user's order (for a loop over many days)."""
    return FORMATS[name][is_month_first()]


def date_text(value, name: str) -> str:
    """The date (or datetime, already in the user's time zone) in the format named, in the user's
    order; empty for no date."""
    if value in (None, ""):
        return ""
    return value.strftime(date_pattern(name))
