"""Normalising names for search: case, accents, apostrophes and spacing ignored."""

from __future__ import annotations

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^a-z\- ]+")
_SPACES = re.compile(r"\s+")


def fold(value: str) -> str:
    """``"  O'Brien-Núñez "`` -> ``"obrien-nunez"``."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    ascii_only = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _SPACES.sub(" ", _NOT_LETTERS.sub("", ascii_only)).strip()


def prefix_upper_bound(prefix: str) -> str:
    """The smallest string greater than every string starting with ``prefix``, so a
    prefix search is an index range (``>= prefix and < bound``) on every database."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
