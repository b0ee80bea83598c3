"""Checks on text that every app's forms and API fields share."""

import unicodedata

from django.core.exceptions import ValidationError

# Characters that reorder the text around them: a name holding one shows differently than it reads.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


# Letters, marks, numbers, punctuation and symbols. Not spaces, nor formatting characters such as
# ZERO WIDTH SPACE (U+200B, category Cf), which show nothing: a name of only those looks blank.
VISIBLE_CATEGORIES = frozenset("LMNPS")


def validate_one_line(text: str) -> None:
    """A name is one line of visible text: at least one character that shows, no control
    characters (tabs, line breaks, escape sequences) and no bidirectional overrides, which would
    garble lists, exports and terminals.
    White space around it does not count: it is trimmed before the name is stored."""
    if any(unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS for char in text.strip()):
        raise ValidationError("Remove the control characters (such as tabs or line breaks) from this text.")
    if text and not any(unicodedata.category(char)[0] in VISIBLE_CATEGORIES for char in text):
        raise ValidationError("Enter a name with at least one visible character.")
