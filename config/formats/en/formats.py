"""US English formats, but dates are read as ISO only (see config/formats/en_GB/formats.py)."""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_INPUT_FORMATS = ["%Y-%m-%d"]
