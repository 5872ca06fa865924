"""The timescales and return rules of leaving care, each named for what it enforces and
citing its source (shared/domain.md §2.7, shared/data-standards.md §3.3). Every deadline is
computed here from a stored event date."""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from safeguard.lib.workingdays import add_months, is_working_day

from .eligibility import birthday

__all__ = ["birthday"]

PATHWAY_REVIEW_MONTHS = 6
KEEP_IN_TOUCH_AGES = (17, 18, 19, 20, 21)
# The SSDA903 OC3 window around each birthday: DfE's 903 guidance asks for the young
# person's circumstances "around" the birthday, from 3 months before to 1 month after.
WINDOW_MONTHS_BEFORE = 3
WINDOW_MONTHS_AFTER = 1


def last_working_day_on_or_before(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def pathway_plan_review_due(agreed_or_last_reviewed: dt.date) -> dt.date:
    """A pathway plan is reviewed at least every 6 months (shared/domain.md §2.7: Children
    Act 1989 s23E and the care leavers regulations): 6 calendar months after it was agreed or last reviewed (31 August
    gives 28 or 29 February). A review cannot be held on a weekend or bank holiday, so
    when that day is not a working day the review is due on the working day before it,
    inside the 6 months."""
    return last_working_day_on_or_before(add_months(agreed_or_last_reviewed, PATHWAY_REVIEW_MONTHS))


def adviser_first_contact_due(allocated_on: dt.date) -> dt.date:
    """A newly allocated personal adviser makes contact within a week (local practice noted
    in shared/domain.md §2.7, unconfirmed nationally)."""
    return allocated_on + dt.timedelta(weeks=1)


def adviser_contact_due(last_contact: dt.date) -> dt.date:
    """The personal adviser keeps in touch at least every 2 months (local practice noted in
    shared/domain.md §2.7, unconfirmed nationally; settings.LEAVING_CARE_CONTACT_MONTHS)."""
    return add_months(last_contact, int(getattr(settings, "LEAVING_CARE_CONTACT_MONTHS", 2)))


def keep_in_touch_window(date_of_birth: dt.date, age: int) -> tuple[dt.date, dt.date]:
    """SSDA903 OC3: the council records whether it is in touch, the activity and the
    accommodation around each 17th to 21st birthday (domain.md §2.7), from 3 months
    before the birthday to 1 month after it, both days included."""
    if age not in KEEP_IN_TOUCH_AGES:
        raise ValueError("The OC3 return covers the 17th to 21st birthdays.")
    day = birthday(date_of_birth, age)
    return add_months(day, -WINDOW_MONTHS_BEFORE), add_months(day, WINDOW_MONTHS_AFTER)


def keep_in_touch_age_for(date_of_birth: dt.date, contact_on: dt.date) -> int | None:
    """Which birthday (17 to 21) a keep-in-touch record made on ``contact_on`` counts for,
    if it falls in that birthday's window."""
    for age in KEEP_IN_TOUCH_AGES:
        start, end = keep_in_touch_window(date_of_birth, age)
        if start <= contact_on <= end:
            return age
    return None


def next_keep_in_touch_age(date_of_birth: dt.date, today: dt.date) -> int | None:
    """The next birthday from 17 to 21 whose window has not yet closed."""
    for age in KEEP_IN_TOUCH_AGES:
        if keep_in_touch_window(date_of_birth, age)[1] >= today:
            return age
    return None


def oc3_applies(*, age: int, looked_after_on_birthday: bool, in_touch: str = "") -> bool:
    """Not reported for 17- or 18-year-olds still looked after on the birthday (903 rule
    1007); nor once the young person has died or returned home for 6 months (rule 344)."""
    if age in (17, 18) and looked_after_on_birthday:
        return False
    return in_touch not in ("DIED", "RHOM")


def oc3_errors(*, in_touch: str, activity: str, accommodation: str, suitability: str, age: int) -> dict[str, str]:
    """The SSDA903 OC3 rules that apply to one record, with the message in the user's words:
    rule 345 (in touch: activity and accommodation must be known), rule 347 (no foyer under
    18), and the D2I list (rule 133: no fixed abode and custody are never suitable; 0 has no
    suitability)."""
    errors: dict[str, str] = {}
    if in_touch == "YES":
        if activity == "0":
            errors["activity"] = "You are in touch, so record what the young person is doing (903 rule 345)."
        if accommodation == "0":
            errors["accommodation"] = "You are in touch, so record where the young person lives (903 rule 345)."
    if accommodation == "T" and age < 18:
        errors["accommodation"] = "A care leaver under 18 cannot be recorded as living in a foyer (903 rule 347)."
    if accommodation == "0":
        if suitability:
            errors["suitability"] = "Leave suitability blank when the accommodation is not known."
    elif accommodation:
        if suitability not in ("1", "2"):
            errors["suitability"] = "Say whether the accommodation is suitable."
        elif suitability == "1" and accommodation in ("S", "X"):
            errors["suitability"] = (
                "No fixed abode and custody are always recorded as unsuitable accommodation (903 rule 133)."
            )
    return errors
