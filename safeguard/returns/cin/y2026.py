"""CIN census 2025/26 (collection year 2026: 1 April 2025 to 31 March 2026; ruleset
``cin2025_26``). Since 2024/25 the child's sex is ``Sex`` with M, F, U; 2025/26 changed only
the N1 label (shared/data-standards.md §2.1)."""

from .writer import CinLayout

YEAR = 2026
LAYOUT = CinLayout(sex_element="Sex")
