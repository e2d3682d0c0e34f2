"""Finnish personal identity codes: validation against known codes, and generation."""

from datetime import date

import numpy as np
import pytest

from kokeilu.analytics.pipeline import hetu

# The classic example code, and the example codes published with the 2023 century signs (all invented).
VALID = [
    ("131052-308T", date(1952, 10, 13)),
    ("010594Y9032", date(1994, 5, 1)),
    ("010594Y9021", date(1994, 5, 1)),
    ("020594X903P", date(1994, 5, 2)),
    ("020594X902N", date(1994, 5, 2)),
    ("030594W903B", date(1994, 5, 3)),
    ("030694W9024", date(1994, 6, 3)),
    ("040594V9030", date(1994, 5, 4)),
    ("040594V902Y", date(1994, 5, 4)),
    ("050594U903M", date(1994, 5, 5)),
    ("050594U902L", date(1994, 5, 5)),
    ("010516B903X", date(2016, 5, 1)),
    ("010516B902W", date(2016, 5, 1)),
    ("020516C903K", date(2016, 5, 2)),
    ("020516C902J", date(2016, 5, 2)),
    ("030516D9037", date(2016, 5, 3)),
    ("030516D9026", date(2016, 5, 3)),
    ("010501E9032", date(2001, 5, 1)),
    ("020502E902X", date(2002, 5, 2)),
    ("020503F9037", date(2003, 5, 2)),
    ("020504A902E", date(2004, 5, 2)),
    ("020504B904H", date(2004, 5, 2)),
]

INVALID = [
    ("131052-308U", "check_character"),
    ("010594Y9033", "check_character"),
    ("020516C903L", "check_character"),
    ("131052Z308T", "century_sign"),
    ("131052G308T", "century_sign"),
    ("310252-308T", "date"),
    ("290201A123L", "date"),
    ("131052-000T", "individual_number"),
    ("131052-001T", "individual_number"),
    ("131052-308", "format"),
    ("131052 308T", "century_sign"),
    ("1310520308T", "century_sign"),
    ("13105-2308T", "format"),
    ("", "format"),
]


@pytest.mark.parametrize(("code", "birth_date"), VALID)
def test_known_valid_codes_validate_with_their_birth_dates(code, birth_date):
    parsed = hetu.parse(code)
    assert parsed.birth_date == birth_date
    assert hetu.is_valid(code)


@pytest.mark.parametrize(("code", "reason"), INVALID)
def test_known_invalid_codes_are_refused_with_the_reason(code, reason):
    with pytest.raises(hetu.InvalidIdentityCode) as refused:
        hetu.parse(code)
    assert refused.value.reason == reason
    assert not hetu.is_valid(code)


def test_temporary_codes_validate_but_are_marked():
    code = hetu.format_code(date(1981, 1, 1), 900, "-")
    # 010181900 % 31 == 12, and the 13th check character is C.
    assert 10181900 % 31 == 12
    assert code == "010181-900C"
    assert hetu.parse(code).is_temporary


def test_check_character_is_the_remainder_of_31():
    # 131052308 % 31 == 25, and the 26th check character is T.
    assert 131052308 % 31 == 25
    assert hetu.check_character("131052", "308") == "T"


@pytest.mark.parametrize(
    ("year", "signs"),
    [(1899, ("+",)), (1952, ("-", "Y", "X", "W", "V", "U")), (2016, ("A", "B", "C", "D", "E", "F"))],
)
def test_every_century_sign_formats_a_valid_code(year, signs):
    for sign in signs:
        code = hetu.format_code(date(year, 2, 28), 123, sign)
        assert code[6] == sign
        assert hetu.parse(code).birth_date == date(year, 2, 28)


def test_a_sign_of_another_century_is_refused_when_formatting():
    with pytest.raises(ValueError):
        hetu.format_code(date(1952, 1, 1), 123, "A")


def test_allocated_codes_are_valid_unique_and_use_the_new_signs():
    allocator = hetu.CodeAllocator(new_sign_share=0.5)
    rng = np.random.default_rng(3)
    # Many people share a few birth dates, so the allocator has to avoid collisions.
    dates = [date(1990, 1, 1), date(2005, 6, 30), date(1899, 12, 31)] * 400
    codes = allocator.allocate(rng, dates)
    assert len(set(codes)) == len(codes)
    assert all(hetu.is_valid(code) for code in codes)
    numbers = {int(code[7:10]) for code in codes}
    assert min(numbers) >= 2
    assert max(numbers) <= 899
    assert {code[6] for code in codes} == set(hetu.CENTURY_BY_SIGN)


def test_codes_are_found_in_free_text_only_when_they_validate():
    text = "Asiakas 131052-308T soitti; viite 131052-308U ei ole tunnus, eikä 2004-08-14."
    assert hetu.find_in_text(text) == ["131052-308T"]
    assert hetu.find_in_text("x010594Y9032y") == ["010594Y9032"]
