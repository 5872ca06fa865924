"""England's figures to set the authority's indicators against, exactly as
``shared/domain.md`` §7.2 records them, each with its year (or its status where the
figure is unconfirmed) and its source. A figure marked unconfirmed is shown as such.

``value`` is the number a chart draws (a percentage, or an average for caseloads);
``text`` is the figure as the source gives it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NationalFigure:
    value: float
    text: str
    year: str
    source: str
    confirmed: bool = True

    @property
    def label(self) -> str:
        status = "" if self.confirmed else " (unconfirmed)"
        return f"England {self.text}, {self.year}{status}"


# Referrals: 621,880 (of which 139,080 = 22% re-referrals within 12 months), 2023-24 [src:40].
RE_REFERRALS = NationalFigure(
    22.0, "22% (139,080 of 621,880 referrals)", "2023-24", "DfE Children in need 2024 [src:40]"
)
# Assessments within 45 WD: ~80%+, unconfirmed.
ASSESSMENTS_45WD = NationalFigure(80.0, "~80%+", "year not known", "domain.md §7.2", confirmed=False)
# Long-term stability: 68% (19,750 of 29,000), 2024 [src:121].
LONG_TERM_STABILITY = NationalFigure(68.0, "68% (19,750 of 29,000)", "2024", "DfE Children looked after 2024 [src:121]")
# >= 3 placements in one year: ~10%, unconfirmed.
THREE_PLACEMENTS_YEAR = NationalFigure(10.0, "~10%", "year not known", "domain.md §7.2", confirmed=False)
# >= 3 placements in previous 2 years: 23% (13,700 of 60,430), 2024 [src:121].
THREE_PLACEMENTS_TWO_YEARS = NationalFigure(
    23.0, "23% (13,700 of 60,430)", "2024", "DfE Children looked after 2024 [src:121]"
)
# Care leavers 19-21 in suitable accommodation: 85% (84% in 2018), 2019 [src:122].
CARE_LEAVERS_SUITABLE = NationalFigure(
    85.0, "85% of care leavers aged 19 to 21 (84% in 2018)", "2019", "DfE Children looked after 2019 [src:122]"
)
# Care leavers 19-21 in touch: 91%, 2020-21 [src:126].
CARE_LEAVERS_IN_TOUCH = NationalFigure(91.0, "91% of care leavers aged 19 to 21", "2020-21", "[src:126]")
# Care leavers 19-21 in EET: ~half ("around half"), 2020-21 [src:126].
CARE_LEAVERS_EET = NationalFigure(50.0, "around half of care leavers aged 19 to 21", "2020-21", "[src:126]")
# RHIs done within 72 h: 63% average, 2023-24 [src:53].
RETURN_INTERVIEWS_72H = NationalFigure(63.0, "63% on average", "2023-24", "[src:53]")
# Average SW caseload: 17.8 (2017), 16.3 (2020) [src:123][src:127].
CASELOAD = NationalFigure(
    16.3,
    "16.3 children per social worker (17.8 in 2017)",
    "2020",
    "Children's social work workforce [src:123][src:127]",
)
