"""Finnish personal identity codes (henkilötunnus): validation and generation.

A code is DDMMYYCZZZQ: date of birth, a century sign C, an individual number ZZZ (odd for men, even for
women) and a check character Q = "0123456789ABCDEFHJKLMNPRSTUVWXY"[int(DDMMYYZZZ) % 31].

Century signs (Valtioneuvoston asetus 128/2010 as amended in 2022, in use from 2023): '+' for the 1800s;
'-', 'Y', 'X', 'W', 'V', 'U' for the 1900s; 'A', 'B', 'C', 'D', 'E', 'F' for the 2000s.

Individual numbers 002–899 are given to people; 900–999 are temporary codes, which validate but are never
generated here. 000 and 001 are not used.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
CENTURY_BY_SIGN = {
    "+": 1800,
    "-": 1900,
    "Y": 1900,
    "X": 1900,
    "W": 1900,
    "V": 1900,
    "U": 1900,
    "A": 2000,
    "B": 2000,
    "C": 2000,
    "D": 2000,
    "E": 2000,
    "F": 2000,
}
SIGNS_BY_CENTURY = {
    1800: ("+",),
    1900: ("-", "Y", "X", "W", "V", "U"),
    2000: ("A", "B", "C", "D", "E", "F"),
}
FIRST_INDIVIDUAL_NUMBER = 2
LAST_GENERATED_INDIVIDUAL_NUMBER = 899
LAST_INDIVIDUAL_NUMBER = 999

_SHAPE = re.compile(r"^(\d{2})(\d{2})(\d{2})(.)(\d{3})(.)$")
# Anything shaped like a code, anywhere in a text: used to scan free-text columns. Candidates are then
# validated, so a false positive needs the right check character as well.
CANDIDATE_PATTERN = r"\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]"
_CANDIDATE = re.compile(CANDIDATE_PATTERN)


@dataclass(frozen=True)
class IdentityCode:
    code: str
    birth_date: date
    individual_number: int

    @property
    def is_temporary(self) -> bool:
        return self.individual_number > LAST_GENERATED_INDIVIDUAL_NUMBER

    @property
    def sex(self) -> str:
        """'male' for odd individual numbers, 'female' for even ones (as the code defines it)."""
        return "male" if self.individual_number % 2 else "female"


class InvalidIdentityCode(ValueError):
    """Why a string is not a valid identity code; `reason` is one of the codes below."""

    REASONS = ("format", "century_sign", "date", "individual_number", "check_character")

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_character(birth_date_digits: str, individual_number: str) -> str:
    """The check character for DDMMYY and ZZZ."""
    return CHECK_CHARACTERS[int(birth_date_digits + individual_number) % 31]


def parse(code: str) -> IdentityCode:
    """Parse a code, or raise InvalidIdentityCode saying exactly what is wrong with it."""
    match = _SHAPE.match(code)
    if match is None:
        raise InvalidIdentityCode("format", "not of the form DDMMYYCZZZQ")
    day, month, year2, sign, number, check = match.groups()
    century = CENTURY_BY_SIGN.get(sign)
    if century is None:
        raise InvalidIdentityCode("century_sign", f"unknown century sign {sign!r}")
    try:
        birth_date = date(century + int(year2), int(month), int(day))
    except ValueError:
        raise InvalidIdentityCode("date", "the date of birth does not exist") from None
    individual = int(number)
    if individual < FIRST_INDIVIDUAL_NUMBER:
        raise InvalidIdentityCode("individual_number", "individual numbers 000 and 001 are not used")
    if check != check_character(day + month + year2, number):
        raise InvalidIdentityCode("check_character", "wrong check character")
    return IdentityCode(code=code, birth_date=birth_date, individual_number=individual)


def is_valid(code: str) -> bool:
    try:
        parse(code)
    except InvalidIdentityCode:
        return False
    return True


def find_in_text(text: str) -> list[str]:
    """Every valid identity code embedded anywhere in a text."""
    return [candidate for candidate in _CANDIDATE.findall(text) if is_valid(candidate)]


def format_code(birth_date: date, individual_number: int, century_sign: str) -> str:
    """The code for a date of birth, an individual number and one of the century's signs."""
    century = (birth_date.year // 100) * 100
    if century_sign not in SIGNS_BY_CENTURY.get(century, ()):
        raise ValueError(f"{century_sign!r} is not a century sign for {birth_date.year}")
    if not FIRST_INDIVIDUAL_NUMBER <= individual_number <= LAST_INDIVIDUAL_NUMBER:
        raise ValueError("individual numbers run from 002 to 999")
    digits = birth_date.strftime("%d%m") + f"{birth_date.year % 100:02d}"
    number = f"{individual_number:03d}"
    return f"{digits}{century_sign}{number}{check_character(digits, number)}"


class CodeAllocator:
    """Generates unique codes for people, reproducibly from a numpy random generator.

    Individual numbers are drawn from 002–899; the century sign is the traditional one ('-' or 'A') for most
    people and one of the 2023 additions for the rest, so every sign appears in generated data.
    """

    def __init__(self, new_sign_share: float = 0.1) -> None:
        self.new_sign_share = new_sign_share
        self._used: set[str] = set()

    def allocate(self, rng: np.random.Generator, birth_dates: list[date]) -> list[str]:
        n = len(birth_dates)
        numbers = rng.integers(FIRST_INDIVIDUAL_NUMBER, LAST_GENERATED_INDIVIDUAL_NUMBER + 1, size=n)
        use_new_sign = rng.random(n) < self.new_sign_share
        sign_choice = rng.integers(0, 5, size=n)
        codes = []
        for birth_date, number, new_sign, choice in zip(
            birth_dates, numbers, use_new_sign, sign_choice, strict=True
        ):
            signs = SIGNS_BY_CENTURY[(birth_date.year // 100) * 100]
            sign = signs[1 + int(choice) % (len(signs) - 1)] if new_sign and len(signs) > 1 else signs[0]
            code = format_code(birth_date, int(number), sign)
            while code in self._used:
                number = rng.integers(FIRST_INDIVIDUAL_NUMBER, LAST_GENERATED_INDIVIDUAL_NUMBER + 1)
                code = format_code(birth_date, int(number), sign)
            self._used.add(code)
            codes.append(code)
        return codes
