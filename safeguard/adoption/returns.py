"""The SSDA903 AD1 and PlacedAdoption tables from adoption records (shared/data-standards.md
§3.2, §3.3), for ``safeguard/returns/ssda903/tables.py``, which fills CHILD and DOB.

- AD1: one row per child adopted in the collection year, that is whose care episode ended
  with REC E11 or E12 in the year (903 rules 601, 602). DATE_INT is the date of the
  decision that the child should be placed for adoption, the same date PlacedAdoption
  gives it (rule 523); the adopters' number, sexes and legal status come from the
  household the child was matched with.
- PlacedAdoption: one row per decision that a child looked after in the year should be
  placed for adoption (SHOBPA), made by the end of the year and not reversed before the
  year began (rules 117, 118, 1012). A reversal after the year ends is not yet known to
  the return.

A building block of the returns export, which asks the policy itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from . import rules
from .models import AdoptionDecision

if TYPE_CHECKING:
    from safeguard.returns.periods import CollectionYear

Rows = list[tuple[int, dict[str, str]]]
ADOPTED = ("E11", "E12")


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _looked_after_in(year: CollectionYear) -> tuple[set[int], dict[int, dt.date]]:
    """The children with an episode in the year, and the day each adopted child's care ended."""
    from safeguard.care.models import Episode

    children: set[int] = set()
    adopted: dict[int, dt.date] = {}
    for e in (
        Episode.objects.filter(start_date__lte=year.end)
        .exclude(end_date__lt=year.start)
        .values("child_id", "end_date", "end_reason")
    ):
        children.add(e["child_id"])
        if e["end_date"] is not None and e["end_date"] <= year.end and e["end_reason"] in ADOPTED:
            adopted[e["child_id"]] = e["end_date"]
    return children, adopted


def ssda903_rows(year: CollectionYear) -> dict[str, Rows]:
    """``{"ad1": [...], "placed_adoption": [...]}``, each a list of (child pk, row without
    CHILD and DOB), ordered by child and date."""
    children, adopted = _looked_after_in(year)
    decisions = list(
        AdoptionDecision.objects.filter(child_id__in=children, decided_on__lte=year.end)
        .select_related("household")
        .prefetch_related("household__adopters")
        .order_by("child_id", "decided_on", "id")
    )
    placed: Rows = []
    for d in decisions:
        ceased = d.no_longer_on if d.no_longer_on is not None and d.no_longer_on <= year.end else None
        if ceased is not None and ceased < year.start:
            continue  # reversed before the year: reported in an earlier year (rule 118)
        if d.adoption_order_on is not None and d.adoption_order_on < year.start and d.child_id not in adopted:
            continue  # adopted in an earlier year
        placed.append(
            (
                d.child_id,
                {
                    "DATE_PLACED": _d(d.decided_on),
                    "DATE_PLACED_CEASED": _d(ceased),
                    "REASON_PLACED_CEASED": d.no_longer_reason if ceased else "",
                },
            )
        )
    ad1: Rows = []
    for child_id in sorted(adopted):
        ended = adopted[child_id]
        leading = [d for d in decisions if d.child_id == child_id and d.decided_on <= ended and d.no_longer_on is None]
        if not leading:
            continue  # no decision recorded: nothing to report (the validator's rule 601 needs one)
        d = leading[-1]
        sexes = [a.sex for a in d.household.adopters.all()] if d.household is not None else []
        foster = {True: "1", False: "0"}.get(d.placed_with_foster_carer, "")  # type: ignore[arg-type]
        ad1.append(
            (
                child_id,
                {
                    "DATE_INT": _d(d.decided_on),
                    "DATE_MATCH": _d(d.matched_on),
                    "FOSTER_CARE": foster,
                    "NB_ADOPTR": str(len(sexes)) if sexes else "",
                    "SEX_ADOPTR": rules.adopters_sex_code(sexes) if 1 <= len(sexes) <= 2 else "",
                    "LS_ADOPTR": d.household.legal_status if d.household is not None else "",
                },
            )
        )
    return {"ad1": ad1, "placed_adoption": placed}
