"""Exports that open in spreadsheet programs."""

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ (or tab, carriage return) gets an
    apostrophe in front. None becomes an empty cell."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
