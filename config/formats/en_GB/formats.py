"""British English formats, but dates are read as ISO only (2026-12-04): a date field
(<input type="date">) sends that whatever the user's language, and 03/04/2026 means two different
days to a British and an American user."""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%Y-%m-%d"]
