"""Fonts, colours and labels shared by the PDF pages."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from fpdf import FPDF

MARGIN_MM = 12.0
GREY_TEXT = (90, 90, 90)
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

_PHASES = {
    "offseason": ("Off-season", (150, 150, 150)),
    "base": ("Base", (86, 160, 96)),
    "strength": ("Strength", (66, 120, 190)),
    "race_specific": ("Race-specific", (226, 132, 44)),
    "taper": ("Taper", (150, 100, 190)),
    "race_week": ("Race week", (204, 60, 60)),
    "recovery": ("Recovery", (60, 165, 160)),
    "general": ("General", (160, 150, 70)),
}
_OTHER_PHASE = (120, 120, 120)

# Characters outside Latin-1 that the core fonts cannot draw, and what to print instead.
_CORE_FONT_SUBSTITUTES = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "‐": "-",
        "−": "-",
        "…": "...",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "•": "·",
        "→": "->",
        "≤": "<=",
        "≥": ">=",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Œ": "OE",
        "œ": "oe",
        "ı": "i",
    }
)


def phase_label(phase: str) -> str:
    """``race_specific`` -> ``Race-specific``; unknown phases are shown as written."""
    known = _PHASES.get(phase)
    return known[0] if known else phase.replace("_", " ").capitalize()


def phase_colour(phase: str) -> tuple[int, int, int]:
    """The band colour of a phase."""
    known = _PHASES.get(phase)
    return known[1] if known else _OTHER_PHASE


def date_label(date_value: object) -> str:
    """``24 Nov`` for a date."""
    day = getattr(date_value, "day", 0)
    month = getattr(date_value, "month", 1)
    return f"{day} {MONTH_NAMES[month - 1]}"


class Fonts:
    """The text font of a document: DejaVu Sans when available, else core Helvetica."""

    def __init__(self, family: str, unicode: bool) -> None:
        self.family = family
        self.unicode = unicode
        self.ellipsis = "…" if unicode else "..."
        self._advance: dict[tuple[str, str], float] = {}  # (style, char) -> mm per point

    def width(self, pdf: FPDF, text: str) -> float:
        """Width of ``text`` in mm in the current font, as ``get_string_width`` gives it.

        Without text shaping, a line's width is the sum of its characters' advances, so
        each character is measured once per style: measuring every string through fpdf2
        costs a third of a season's export.
        """
        style = pdf.font_style
        total = 0.0
        for char in text:
            advance = self._advance.get((style, char))
            if advance is None:
                advance = pdf.get_string_width(char) / pdf.font_size_pt
                self._advance[(style, char)] = advance
            total += advance
        return total * pdf.font_size_pt

    def use(self, pdf: FPDF, size: float, *, bold: bool = False) -> None:
        """Select the font in a size, regular or bold."""
        pdf.set_font(self.family, "B" if bold else "", size)

    def clean(self, text: str) -> str:
        """Text the font can draw: unchanged with DejaVu, transliterated for core fonts."""
        if self.unicode:
            return text
        text = text.translate(_CORE_FONT_SUBSTITUTES)
        try:
            text.encode("latin-1")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFKD", text)
            text = "".join(
                c if _latin1(c) else "?" for c in decomposed if not unicodedata.combining(c)
            )
        return text

    def fit(self, pdf: FPDF, text: str, width: float) -> str:
        """The text, shortened with an ellipsis if it is wider than ``width`` mm."""
        text = self.clean(text)
        room = width - 2 * _padding(pdf, width)
        # No glyph is wider than an em: short strings need no measuring (measuring is slow).
        if len(text) * pdf.font_size <= room or self.width(pdf, text) <= room:
            return text
        while text and self.width(pdf, text + self.ellipsis) > room:
            text = text[: max(0, len(text) - max(1, len(text) // 8))]
        return text.rstrip() + self.ellipsis

    def wrap(self, pdf: FPDF, text: str, width: float, max_lines: int = 3) -> list[str]:
        """Split text into lines that fit ``width`` mm in the current font, at most ``max_lines``
        (the rest joins the last one, which ``put`` shortens with an ellipsis)."""
        text = self.clean(text)
        room = width - 2 * pdf.c_margin
        if len(text) * pdf.font_size <= room or self.width(pdf, text) <= room:
            return [text]
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if current and self.width(pdf, candidate) > room:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
        if len(lines) > max_lines:
            lines = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
        return lines

    def put(
        self,
        pdf: FPDF,
        x: float,
        y: float,
        width: float,
        height: float,
        text: str,
        *,
        align: str = "L",
    ) -> None:
        """Draw one line of text in the box (x, y, width, height), vertically centred.

        The same layout as ``FPDF.cell`` without its line-breaking machinery, which costs
        several times more per call and matters for a 52-week plan.
        """
        text = self.fit(pdf, text, width)
        if not text:
            return
        pad = _padding(pdf, width)
        left = x + pad
        if align != "L":
            spare = width - 2 * pad - self.width(pdf, text)
            left += spare if align == "R" else spare / 2
        pdf.text(left, y + height / 2 + 0.3 * pdf.font_size, text)


def load_fonts(pdf: FPDF, font_dir: Path | None) -> Fonts:
    """Embed DejaVu Sans from ``font_dir`` if both its weights are there, else use Helvetica."""
    if font_dir is not None:
        files = {
            "": font_dir / "DejaVuSans.ttf",
            "B": font_dir / "DejaVuSans-Bold.ttf",
        }
        if all(path.is_file() for path in files.values()):
            for style, path in files.items():
                pdf.add_font("DejaVu", style, str(path))
            return Fonts("DejaVu", unicode=True)
    return Fonts("Helvetica", unicode=False)


def _padding(pdf: FPDF, width: float) -> float:
    """Space kept on each side of text in a box: the cell margin, less in narrow boxes."""
    return float(min(pdf.c_margin, width / 10))


def _latin1(char: str) -> bool:
    try:
        char.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True
