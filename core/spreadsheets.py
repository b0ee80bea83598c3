"""CSV cells that no spreadsheet reads as a formula (OWASP "CSV injection")."""

# A spreadsheet takes a cell beginning with one of these as a formula (tab and carriage return
# let the rest of the cell be read as one too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutral_cell(value):
    """The value for a CSV cell: text beginning as a formula gets a leading apostrophe, which
    spreadsheets show as text; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def restored_cell(value):
    """The value neutral_cell was given, from a cell it wrote (for a CSV read back in)."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
