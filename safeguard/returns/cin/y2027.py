"""CIN census 2026/27 (collection year 2027: 1 April 2026 to 31 March 2027; ruleset
``cin2026_27``). Same items as 2025/26. The pre-proceedings block seen in D2I's sample is
UNCONFIRMED (shared/data-standards.md §2.1) and casework records no pre-proceedings yet,
so it is not written."""

from .writer import CinLayout

YEAR = 2027
LAYOUT = CinLayout(sex_element="Sex")
