"""The SSDA903 OC3 rows are made from the keeping-in-touch records, without re-keying."""

from __future__ import annotations

import datetime as dt

from safeguard.conftest import Cast
from safeguard.leaving_care import services
from safeguard.leaving_care.selectors import birthday_range, oc3_rows

from .support import care_leaver

D = dt.date


def _rows(year: int) -> list[tuple[str, int, str, str, str]]:
    return [
        (r.child.given_name, r.birthday_age, r.in_touch, r.activity, r.accommodation)
        for r in oc3_rows(collection_year=year)
    ]


def test_it_makes_one_row_per_birthday_in_the_year_from_the_record_for_it(cast: Cast) -> None:
    jade = care_leaver(cast, born=D(2008, 3, 10), entered=D(2023, 9, 1), left=D(2026, 3, 9))
    services.keep_in_touch_record(
        actor=cast.sw,
        child=jade,
        contacted_on=D(2026, 3, 20),
        in_touch="YES",
        activity="F2",
        accommodation="Z",
        suitability="1",
    )
    # A qualifying young person (never eligible) is not in the OC3 cohort.
    care_leaver(cast, born=D(2008, 4, 2), entered=D(2024, 5, 1), left=D(2024, 6, 1), given="Kai")
    assert _rows(2024) == []  # the 17th birthday (10 March 2025) was spent in care: rule 1007
    assert _rows(2025) == [("Jade", 18, "YES", "F2", "Z1")]
    assert _rows(2026) == [("Jade", 19, "NO", "0", "0")]  # nothing recorded around the 19th


def test_it_finds_the_dates_of_birth_with_a_birthday_in_the_year() -> None:
    oldest, youngest = birthday_range(D(2025, 4, 1), D(2026, 3, 31))
    assert oldest == D(2004, 4, 1) and youngest == D(2009, 3, 31)


def test_leaving_care_on_the_18th_birthday_itself_is_not_a_care_leavers_birthday(cast: Cast) -> None:
    """DfE rule 1016: no care leaver information for a 17th or 18th birthday when the
    young person's episode ended on or after it, so leaving care on the birthday counts as
    being looked after on it (rule 1007)."""
    care_leaver(cast, born=D(2008, 3, 10), entered=D(2023, 9, 1), left=D(2026, 3, 10))
    care_leaver(cast, born=D(2008, 3, 12), entered=D(2023, 9, 1), left=D(2026, 3, 11), given="Kai")
    assert _rows(2025) == [("Kai", 18, "NO", "0", "0")]
