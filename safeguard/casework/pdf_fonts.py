"""Fonts for PDFs that name children from every community the council serves.

The PDF standard fonts (Helvetica) encode only Western European characters: a name in
Arabic, Bengali or Chinese script, or with Polish diacritics beyond Latin-1, would come
out as black boxes or be dropped. Here each character is set in the first TrueType font
of a chain that has a glyph for it, and the fonts used are embedded (subset) in the PDF.

The fonts are Debian's (installed by ``.ci/run``; see docs/casework.md):
``fonts-noto-core`` (Noto Sans for Latin, Greek and Cyrillic, and a Noto Sans face per
script), ``fonts-droid-fallback`` (Chinese, Japanese, Korean: Noto's CJK faces are
CFF-flavoured OpenType, which reportlab cannot embed) and ``fonts-dejavu-core`` (a last
resort). A face not installed is skipped; with none, the standard fonts are used.

Limits: reportlab does not shape text, so Arabic letters are set in their isolated forms
and left to right, and Bengali or Devanagari conjuncts are set as their separate letters.
The characters themselves are in the PDF (it can be searched and copied), and every
character is readable; shaping needs HarfBuzz (see docs/casework.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

NOTO = Path(os.environ.get("SAFEGUARD_NOTO_FONTS", "/usr/share/fonts/truetype/noto"))
DROID = Path("/usr/share/fonts/truetype/droid")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

# (name, regular file, bold file): tried in this order for each character. Noto Sans
# first (Latin, Greek, Cyrillic), then the scripts of the languages most spoken in
# English local authorities after English, then CJK, then DejaVu Sans.
_SCRIPTS = (
    "Arabic",
    "Bengali",
    "Devanagari",
    "Gurmukhi",
    "Gujarati",
    "Tamil",
    "Telugu",
    "Malayalam",
    "Kannada",
    "Sinhala",
    "Ethiopic",
    "Hebrew",
    "Thai",
    "Lao",
    "Khmer",
    "Myanmar",
    "Georgian",
    "Armenian",
    "Tifinagh",
    "Math",
    "Symbols",
    "Symbols2",
)
CHAIN: tuple[tuple[str, Path, Path], ...] = (
    ("SgNotoSans", NOTO / "NotoSans-Regular.ttf", NOTO / "NotoSans-Bold.ttf"),
    *((f"SgNoto{s}", NOTO / f"NotoSans{s}-Regular.ttf", NOTO / f"NotoSans{s}-Bold.ttf") for s in _SCRIPTS),
    ("SgDroidFallback", DROID / "DroidSansFallbackFull.ttf", DROID / "DroidSansFallbackFull.ttf"),
    ("SgDejaVuSans", DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"),
)
STANDARD = ("Helvetica", "Helvetica-Bold")
MISSING_WIDTH = 600


@dataclass
class _Face:
    name: str
    glyphs: frozenset[int]
    widths: dict[int, int]
    default_width: int


@dataclass
class FontChain:
    """The faces of one weight, loaded (parsed and registered with reportlab) only when
    a character is not in the faces before them."""

    bold: bool
    _faces: list[_Face | None] = field(default_factory=list)
    _choice: dict[str, tuple[str, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._faces = [None] * len(CHAIN)
        self._loaded = [False] * len(CHAIN)
        self._widths: dict[str, int] = {}
        self._in_primary: set[str] = set()
        self._primary_name = self.primary

    def _face(self, index: int) -> _Face | None:
        if not self._loaded[index]:
            self._loaded[index] = True
            name, regular, bold = CHAIN[index]
            path = bold if self.bold and bold.exists() else regular
            if path.exists():
                font_name = f"{name}-Bold" if self.bold else name
                font = TTFont(font_name, str(path))
                pdfmetrics.registerFont(font)
                face = font.face
                self._faces[index] = _Face(
                    font_name, frozenset(face.charToGlyph), dict(face.charWidths), int(face.defaultWidth)
                )
        return self._faces[index]

    @property
    def primary(self) -> str:
        """The font for text in no particular script (digits, punctuation, spaces)."""
        for index in range(len(CHAIN)):
            face = self._face(index)
            if face is not None:
                return face.name
        return STANDARD[self.bold]

    def choose(self, ch: str) -> tuple[str, int]:
        """The font that sets ``ch``, and its width in 1/1000 em."""
        found = self._choice.get(ch)
        if found is not None:
            return found
        code = ord(ch)
        for index in range(len(CHAIN)):
            face = self._face(index)
            if face is not None and code in face.glyphs:
                found = (face.name, face.widths.get(code, face.default_width))
                break
        else:
            primary = self.primary
            if primary in STANDARD:
                found = (primary, int(pdfmetrics.stringWidth(ch, primary, 1000)) or MISSING_WIDTH)
            else:
                found = (primary, MISSING_WIDTH)  # no face has it: the primary's "missing" glyph
        self._choice[ch] = found
        self._widths[ch] = found[1]
        if found[0] == self._primary_name:
            self._in_primary.add(ch)
        return found

    def width(self, text: str) -> int:
        """Width of ``text`` in 1/1000 em."""
        try:
            return sum(map(self._widths.__getitem__, text))
        except KeyError:
            for ch in text:
                self.choose(ch)
            return sum(map(self._widths.__getitem__, text))

    def runs(self, text: str) -> list[tuple[str, str]]:
        """``text`` cut into runs of one font each. Spaces and other characters every
        face has stay in the run they are in, so a name is not cut at each space."""
        if self._in_primary.issuperset(text):  # the common case, checked without a loop
            return [(self._primary_name, text)] if text else []
        runs: list[tuple[str, list[str]]] = []
        for ch in text:
            font = self.choose(ch)[0]
            if runs and font != runs[-1][0] and ch.isspace():
                font = runs[-1][0]
            if runs and runs[-1][0] == font:
                runs[-1][1].append(ch)
            else:
                runs.append((font, [ch]))
        return [(font, "".join(chars)) for font, chars in runs]


@lru_cache(maxsize=2)
def chain(bold: bool = False) -> FontChain:
    return FontChain(bold)
