"""Charts for the reports as server-rendered SVG: no chart library, no CDN, no JavaScript.

Why SVG from the server: the portal runs without internet at school, the pages must print,
and a screen reader gets the same facts from the chart's title and the table beside it.
One chart type is enough for every report: horizontal bars, one row per category, one bar
per series (e.g. "start" and "slut" per competence area). Values are shares (0..1) or
percentage points; a missing value (too few pupils) is written as text, never drawn as 0.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

from markupsafe import Markup

#: series colours: dark blue, dark orange, dark green, purple (>= 3:1 against white, WCAG 1.4.11)
COLOURS = ("#1f4e79", "#a04a00", "#2e6b30", "#6b3d8f")
ROW_HEIGHT = 22
LABEL_WIDTH = 230
BAR_WIDTH = 360
VALUE_WIDTH = 170
TITLE_HEIGHT = 26
LEGEND_STEP = 125


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def percent(value: float | None, points: bool = False) -> str:
    """0.425 -> "43 %"; as percentage points with a sign: "+12 procentpoint"; None -> "–"."""
    if value is None:
        return "–"
    if points:
        return f"{value * 100:+.0f} procentpoint".replace("-", "−")
    return f"{value * 100:.0f} %"


def bar_chart(title: str, categories: list[str], series: list[Series], *, points: bool = False,
              missing: str = "for få elever") -> Markup:
    """Horizontal grouped bars; ``points=True`` draws signed percentage points around a zero line."""
    values = [v for s in series for v in s.values if v is not None]
    low = min([0.0, *values]) if points else 0.0
    high = max([0.0, *values]) if points else 1.0
    span = (high - low) or 1.0
    zero = LABEL_WIDTH + BAR_WIDTH * (-low / span)
    group = ROW_HEIGHT * len(series) + 10
    legend = TITLE_HEIGHT + (24 if len(series) > 1 else 0)
    height = legend + group * len(categories) + 10
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
             f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>']
    for index, item in enumerate(series if len(series) > 1 else []):
        x = LABEL_WIDTH + index * LEGEND_STEP
        parts.append(f'<rect x="{x}" y="{TITLE_HEIGHT + 4}" width="14" height="14" fill="{COLOURS[index % len(COLOURS)]}"/>'
                     f'<text x="{x + 20}" y="{TITLE_HEIGHT + 16}">{escape(item.name)}</text>')
    for row, category in enumerate(categories):
        top = legend + row * group
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{top + group / 2}" text-anchor="end" '
                     f'dominant-baseline="middle">{escape(category)}</text>')
        for index, item in enumerate(series):
            value = item.values[row]
            y = top + index * ROW_HEIGHT
            label = percent(value, points) if value is not None else missing
            if value is not None:
                start = min(zero, zero + BAR_WIDTH * value / span)
                length = max(abs(BAR_WIDTH * value / span), 1.5)
                parts.append(f'<rect x="{start:.1f}" y="{y + 3}" width="{length:.1f}" height="{ROW_HEIGHT - 6}" '
                             f'fill="{COLOURS[index % len(COLOURS)]}"/>')
            parts.append(f'<text x="{LABEL_WIDTH + BAR_WIDTH + 8}" y="{y + ROW_HEIGHT / 2}" '
                         f'dominant-baseline="middle">{escape(label)}</text>')
    parts.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="{legend}" y2="{height - 6}" stroke="#1b1b1b"/>')
    parts.append("</svg>")
    return Markup("".join(parts))
