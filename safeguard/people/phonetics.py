"""Phonetic keys of names, stored on the person for matching's blocking step.

Double Metaphone's primary code (jellyfish) of the folded name; for a hyphenated or
double-barrelled name, of its first part, so "Smith-Jones" and "Smith" share a block.
"""

from __future__ import annotations

import jellyfish

from safeguard.lib.names import fold


def phonetic_key(name: str) -> str:
    folded = fold(name)
    if not folded:
        return ""
    first = folded.replace("-", " ").split()[0]
    return jellyfish.metaphone(first)[:40]
