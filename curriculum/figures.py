"""Pictures for the printables (kopiark), drawn as SVG from data - nothing is downloaded.

A figure in a kopiark file is a mapping with one key, the figure's name, whose value is its
data: ``{arrow: up}``, ``{grid: {rows: ["S...", "..X."]}}``, ``{icon: tandbørste}``. Each name
maps to one function here that returns an ``<svg>`` string. :func:`figure_svg` raises
:class:`FigureError` (Danish) for an unknown name or bad data, so the validator can name the
activity and page.
"""
from __future__ import annotations

import math
from html import escape

INK = "#222"
GREY = "#bbb"
LIGHT = "#eee"


class FigureError(ValueError):
    """A figure that cannot be drawn; the message is Danish, for the person writing the kopiark."""


def _svg(width: float, height: float, body: str, size: str = "100%") -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
            f'width="{size}" preserveAspectRatio="xMidYMid meet" class="figur">{body}</svg>')


def _text(x, y, text, size=8, anchor="middle", weight="normal", fill=INK) -> str:
    return (f'<text x="{x:g}" y="{y:g}" font-size="{size:g}" text-anchor="{anchor}" font-weight="{weight}" '
            f'fill="{fill}" font-family="DejaVu Sans">{escape(str(text))}</text>')


# ---------------------------------------------------------------------------- arrows
_ARROW = "M50 8 L88 52 L64 52 L64 92 L36 92 L36 52 L12 52 Z"
_ROTATION = {"up": 0, "frem": 0, "right": 90, "højre": 90, "down": 180, "tilbage": 180, "left": 270, "venstre": 270}


def arrow(direction) -> str:
    """A thick arrow: up/right/down/left (also frem/højre/tilbage/venstre); turn-left/turn-right curve."""
    direction = str(direction)
    if direction in ("turn-left", "drej-venstre", "turn-right", "drej-højre"):
        left = direction in ("turn-left", "drej-venstre")
        path = ("M30 92 L30 45 A25 25 0 0 1 55 20 L62 20 L62 6 L90 30 L62 54 L62 40 L55 40 "
                "A5 5 0 0 0 50 45 L50 92 Z")
        flip = ' transform="translate(100 0) scale(-1 1)"' if left else ""
        return _svg(100, 100, f'<path d="{path}" fill="{INK}"{flip}/>')
    if direction not in _ROTATION:
        raise FigureError(f"ukendt pileretning '{direction}' (brug up, right, down, left, turn-left, turn-right)")
    return _svg(100, 100, f'<path d="{_ARROW}" fill="{INK}" transform="rotate({_ROTATION[direction]} 50 50)"/>')


# ------------------------------------------------------------------------------ grids
def grid(data) -> str:
    """A board or a pixel picture. ``rows``: one string per row, one character per square:
    ``.`` empty, ``#`` black, ``S`` start (a robot), ``X`` treasure (a star), ``O`` obstacle,
    ``?`` a square to colour in, ``*`` a step of a route (a dot), anything else is written in the
    square - unless ``colors`` maps it to a fill (``colors: {R: "#d33"}``). ``labels: true`` numbers
    the columns and rows.
    """
    if isinstance(data, list):
        data = {"rows": data}
    rows = data.get("rows") if isinstance(data, dict) else None
    if not rows or not all(isinstance(r, str) for r in rows):
        raise FigureError("grid skal have rows: en liste af tekster, én pr. række")
    width = max(len(r) for r in rows)
    size = 10
    labels = bool(data.get("labels"))
    colors = {str(key): str(value) for key, value in (data.get("colors") or {}).items()}
    offset = 7 if labels else 1
    parts = []
    for y, row in enumerate(rows):
        for x in range(width):
            ch = row[x] if x < len(row) else "."
            px, py = offset + x * size, offset + y * size
            fill = colors.get(ch) or (INK if ch == "#" else GREY if ch == "O" else "white")
            parts.append(f'<rect x="{px}" y="{py}" width="{size}" height="{size}" fill="{fill}" '
                         f'stroke="{INK}" stroke-width="0.5"/>')
            cx, cy = px + size / 2, py + size / 2
            if ch == "S":
                parts.append(f'<path d="M{cx} {py + 2} L{px + 8} {py + 8} L{px + 2} {py + 8} Z" fill="{INK}"/>')
            elif ch == "X":
                parts.append(_star_path(cx, cy, 4.2))
            elif ch == "*":
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="1.6" fill="{INK}"/>')
            elif ch not in ".#O?" and ch not in colors:
                parts.append(_text(cx, cy + 2.6, ch, 7))
    if labels:
        for x in range(width):
            parts.append(_text(offset + x * size + size / 2, 5.5, x + 1, 5))
        for y in range(len(rows)):
            parts.append(_text(3.5, offset + y * size + size / 2 + 2, y + 1, 5))
    return _svg(offset + width * size + 1, offset + len(rows) * size + 1, "".join(parts))


def _star_path(cx, cy, r, fill=INK) -> str:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.45
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{cx + radius * math.cos(angle):.2f},{cy + radius * math.sin(angle):.2f}")
    return f'<polygon points="{" ".join(points)}" fill="{fill}"/>'


def microbit(data) -> str:
    """The front of a micro:bit: 25 LEDs (``"09090:99999:..."`` brightness 0-9, or ``blank`` to draw
    in) and the buttons A and B."""
    rows = [] if data in (None, "blank", "tom") else str(data).split(":")
    if rows and (len(rows) != 5 or any(len(r) != 5 or not r.isdigit() for r in rows)):
        raise FigureError("microbit skal være 5 rækker med 5 cifre 0-9, fx 09090:99999:99999:09990:00900")
    parts = [f'<rect x="2" y="2" width="116" height="86" rx="8" fill="white" stroke="{INK}" stroke-width="1.5"/>']
    for y in range(5):
        for x in range(5):
            level = int(rows[y][x]) if rows else 0
            fill = f"rgb(220,{int(30 + (9 - level) * 22)},{int(30 + (9 - level) * 22)})" if level else "white"
            parts.append(f'<rect x="{36 + x * 10}" y="{17 + y * 12}" width="7" height="8" rx="1" fill="{fill}" '
                         f'stroke="{INK}" stroke-width="0.6"/>')
    for x, name in ((18, "A"), (102, "B")):
        parts.append(f'<circle cx="{x}" cy="45" r="7" fill="{LIGHT}" stroke="{INK}"/>')
        parts.append(_text(x, 60, name, 8, weight="bold"))
    for i, label in enumerate(("0", "1", "2", "3V", "GND")):
        parts.append(f'<rect x="{8 + i * 22}" y="78" width="14" height="9" fill="{LIGHT}" stroke="{INK}" stroke-width="0.6"/>')
        parts.append(_text(15 + i * 22, 85.5, label, 5))
    return _svg(120, 90, "".join(parts))


def dots(count) -> str:
    """A binary card: ``count`` dots (1, 2, 4, 8, 16 ...) in a neat block; 0 draws an empty card."""
    try:
        count = int(count)
    except (TypeError, ValueError):
        raise FigureError("dots skal være et tal") from None
    if not 0 <= count <= 64:
        raise FigureError("dots skal være mellem 0 og 64")
    columns = 2 ** math.ceil(math.log2(count) / 2) if count > 1 else 1  # 2, 4, 8, 16 dots in neat rectangles
    rows = max(1, math.ceil(count / columns))
    step = 80 / max(columns, rows)
    parts = []
    for i in range(count):
        x, y = i % columns, i // columns
        cx = 50 - (columns - 1) * step / 2 + x * step
        cy = 50 - (rows - 1) * step / 2 + y * step
        parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{step * 0.38:.1f}" fill="{INK}"/>')
    return _svg(100, 100, "".join(parts))


DANISH_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ"


def wheel(data) -> str:
    """One disc of a cipher wheel (Cæsar): the Danish alphabet round the edge, a cut line and a
    centre mark. ``{size: outer}`` or ``{size: inner}`` (inner is smaller, to lie on top)."""
    size = data.get("size", "outer") if isinstance(data, dict) else str(data)
    if size not in ("outer", "inner"):
        raise FigureError("wheel skal have size: outer eller inner")
    letters = DANISH_ALPHABET
    radius = 48 if size == "outer" else 34
    parts = [f'<circle cx="50" cy="50" r="{radius}" fill="white" stroke="{INK}" stroke-dasharray="2 1.5"/>',
             f'<circle cx="50" cy="50" r="{radius - 9}" fill="none" stroke="{GREY}" stroke-width="0.4"/>',
             f'<circle cx="50" cy="50" r="1.2" fill="{INK}"/>']
    for i, letter in enumerate(letters):
        angle = -math.pi / 2 + i * 2 * math.pi / len(letters)
        x = 50 + (radius - 4.5) * math.cos(angle)
        y = 50 + (radius - 4.5) * math.sin(angle)
        rotate = math.degrees(angle) + 90
        parts.append(f'<text x="{x:.2f}" y="{y:.2f}" font-size="5" text-anchor="middle" dominant-baseline="central" '
                     f'font-family="DejaVu Sans" font-weight="bold" transform="rotate({rotate:.1f} {x:.2f} {y:.2f})">'
                     f'{letter}</text>')
        inner = radius - 9
        a = -math.pi / 2 + (i + 0.5) * 2 * math.pi / len(letters)
        parts.append(f'<line x1="{50 + inner * math.cos(a):.2f}" y1="{50 + inner * math.sin(a):.2f}" '
                     f'x2="{50 + radius * math.cos(a):.2f}" y2="{50 + radius * math.sin(a):.2f}" '
                     f'stroke="{GREY}" stroke-width="0.3"/>')
    return _svg(100, 100, "".join(parts))


def bars(data) -> str:
    """Empty axes for a bar chart the pupils draw: ``{labels: [1, 2, 3, 4, 5, 6], max: 20}``."""
    if not isinstance(data, dict) or not data.get("labels"):
        raise FigureError("bars skal have labels (søjlernes navne) og max (højeste tal på aksen)")
    labels = [str(label) for label in data["labels"]]
    top = int(data.get("max", 20))
    step = int(data.get("step", 5 if top > 10 else 1))
    slanted = max(len(label) for label in labels) > 3  # long names are written on a slant
    below = 24 if slanted else 10
    height, width = 80.0, 10.0 + 14 * len(labels)
    parts = [f'<line x1="14" y1="4" x2="14" y2="{4 + height}" stroke="{INK}"/>',
             f'<line x1="14" y1="{4 + height}" x2="{14 + width}" y2="{4 + height}" stroke="{INK}"/>']
    for value in range(0, top + 1, step):
        y = 4 + height - height * value / top
        parts.append(f'<line x1="12" y1="{y:.1f}" x2="{14 + width}" y2="{y:.1f}" stroke="{LIGHT}" stroke-width="0.5"/>')
        parts.append(_text(10, y + 2, value, 5, anchor="end"))
    for i, label in enumerate(labels):
        x, y = 14 + 10 + i * 14, 4 + height + 6
        if slanted:
            parts.append(f'<text x="{x}" y="{y}" font-size="4.5" text-anchor="end" font-family="DejaVu Sans" '
                         f'transform="rotate(-40 {x} {y})">{escape(label)}</text>')
        else:
            parts.append(_text(x, y + 1, label, 5.5))
    return _svg(20 + width, height + below, "".join(parts))


def network(data) -> str:
    """Nodes and connections: ``{nodes: {A1: [0, 0], R1: [1, 0]}, edges: [[A1, R1]]}`` on a small grid."""
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), dict):
        raise FigureError("network skal have nodes (navn: [x, y]) og edges (par af navne)")
    nodes = {str(name): (float(pos[0]), float(pos[1])) for name, pos in data["nodes"].items()}
    scale = 26
    parts = []
    for a, b in data.get("edges", []):
        if str(a) not in nodes or str(b) not in nodes:
            raise FigureError(f"forbindelsen {a}-{b} nævner en knude, der ikke findes")
        (x1, y1), (x2, y2) = nodes[str(a)], nodes[str(b)]
        parts.append(f'<line x1="{12 + x1 * scale}" y1="{12 + y1 * scale}" x2="{12 + x2 * scale}" '
                     f'y2="{12 + y2 * scale}" stroke="{INK}" stroke-width="1.2"/>')
    for name, (x, y) in nodes.items():
        router = name.startswith("R")
        shape = (f'<circle cx="{12 + x * scale}" cy="{12 + y * scale}" r="8" fill="{LIGHT}" stroke="{INK}"/>' if router
                 else f'<rect x="{12 + x * scale - 9}" y="{12 + y * scale - 7}" width="18" height="14" fill="white" '
                      f'stroke="{INK}" stroke-width="1.2"/>')
        parts.append(shape + _text(12 + x * scale, 12 + y * scale + 2.5, name, 6, weight="bold"))
    width = 24 + max(x for x, _ in nodes.values()) * scale
    height = 24 + max(y for _, y in nodes.values()) * scale
    return _svg(width, height, "".join(parts))


def sortnet(data) -> str:
    """The six-lane sorting network of CS Unplugged: start squares below, circles where two meet."""
    lanes = 6
    layers = [[(0, 1), (2, 3), (4, 5)], [(1, 2), (3, 4)], [(0, 1), (2, 3), (4, 5)],
              [(1, 2), (3, 4)], [(0, 1), (2, 3), (4, 5)], [(1, 2), (3, 4)]]
    gap, top = 16, 10
    height = top + (len(layers) + 1) * 14 + 16
    parts = []
    for lane in range(lanes):
        x = 10 + lane * gap
        parts.append(f'<line x1="{x}" y1="{top}" x2="{x}" y2="{height - 12}" stroke="{GREY}" stroke-width="0.8"/>')
        parts.append(f'<rect x="{x - 5}" y="{height - 12}" width="10" height="8" fill="white" stroke="{INK}"/>')
        parts.append(f'<rect x="{x - 5}" y="{top - 8}" width="10" height="8" fill="white" stroke="{INK}"/>')
    for depth, layer in enumerate(reversed(layers)):
        y = top + 12 + depth * 14
        for a, b in layer:
            xa, xb = 10 + a * gap, 10 + b * gap
            parts.append(f'<line x1="{xa}" y1="{y}" x2="{xb}" y2="{y}" stroke="{INK}" stroke-width="1.2"/>')
            parts.append(f'<circle cx="{xa}" cy="{y}" r="2.2" fill="{INK}"/><circle cx="{xb}" cy="{y}" r="2.2" fill="{INK}"/>')
    parts.append(_text(10 + (lanes - 1) * gap / 2, height + 3, "START (nederst) - mindste til venstre, største til højre", 4.5))
    return _svg(20 + (lanes - 1) * gap, height + 6, "".join(parts))


def tree(data) -> str:
    """An empty decision tree to fill in: ``{levels: 3}`` question boxes with ja/nej branches."""
    levels = int(data.get("levels", 3) if isinstance(data, dict) else data)
    if not 1 <= levels <= 4:
        raise FigureError("tree skal have 1-4 niveauer")
    leaves = 2 ** levels
    width, level_height = leaves * 22, 26
    parts = []

    def node(level, index):
        count = 2 ** level
        x = width * (index + 0.5) / count
        y = 6 + level * level_height
        if level == levels:
            parts.append(f'<rect x="{x - 9}" y="{y}" width="18" height="12" fill="{LIGHT}" stroke="{INK}" stroke-width="0.6"/>')
            return
        parts.append(f'<rect x="{x - min(40, width / count / 2 - 2)}" y="{y}" width="{2 * min(40, width / count / 2 - 2)}" '
                     f'height="12" rx="3" fill="white" stroke="{INK}" stroke-width="0.8"/>')
        for side, label in ((0, "ja"), (1, "nej")):
            child_x = width * (2 * index + side + 0.5) / (count * 2)
            parts.append(f'<line x1="{x}" y1="{y + 12}" x2="{child_x}" y2="{y + level_height}" stroke="{INK}" stroke-width="0.6"/>')
            parts.append(_text((x + child_x) / 2 + (-4 if side == 0 else 4), y + 12 + level_height / 2 - 4, label, 5))
            node(level + 1, 2 * index + side)

    node(0, 0)
    return _svg(width, 10 + levels * level_height + 14, "".join(parts))


def footprint(_data=None) -> str:
    """A big footprint outline to draw and write in."""
    body = (f'<path d="M50 30 C75 30 82 60 78 95 C75 125 65 150 48 150 C30 150 24 125 24 100 '
            f'C24 70 28 30 50 30 Z" fill="white" stroke="{INK}" stroke-width="1.5"/>')
    for cx, cy, r in ((28, 18, 7), (42, 10, 8), (57, 9, 7.5), (70, 14, 6.5), (80, 24, 5.5)):
        body += f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="white" stroke="{INK}" stroke-width="1.5"/>'
    return _svg(100, 160, body)


# ------------------------------------------------------------------------------ icons
def _icon_paths() -> dict[str, str]:
    """Simple pictograms on a 100 x 100 canvas (black lines on white), keyed by Danish name."""
    s = f'fill="none" stroke="{INK}" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"'
    f = f'fill="{INK}"'
    return {
        "tandbørste": f'<rect x="10" y="55" width="62" height="12" rx="6" {s}/><rect x="66" y="44" width="26" height="14" rx="4" {s}/>'
                      f'<path d="M70 44 V34 M76 44 V34 M82 44 V34 M88 44 V34" {s}/>',
        "tandpasta": f'<path d="M12 40 L62 30 L62 70 L12 60 Z" {s}/><rect x="62" y="40" width="14" height="20" rx="2" {s}/>'
                     f'<path d="M80 50 C88 44 92 56 84 58" {s}/>',
        "tand": f'<path d="M28 20 C40 14 60 14 72 20 C82 26 80 44 74 56 C70 66 70 86 62 86 C54 86 56 64 50 64 '
                f'C44 64 46 86 38 86 C30 86 30 66 26 56 C20 44 18 26 28 20 Z" {s}/>',
        "mund": f'<path d="M18 45 C35 75 65 75 82 45 Z" {s}/><path d="M30 46 H70" {s}/><circle cx="50" cy="84" r="4" {f}/>',
        "kop": f'<path d="M22 30 H70 L64 86 H28 Z" {s}/><path d="M70 44 C86 44 86 66 67 68" {s}/>'
               f'<path d="M34 18 C38 12 44 24 48 16" {s}/>',
        "vandhane": f'<path d="M10 40 H60 C72 40 76 48 76 60 V66" {s}/><path d="M30 28 H46 M38 28 V40" {s}/>'
                    f'<path d="M76 74 C70 84 82 84 76 74 Z" {s}/>',
        "dråbe": f'<path d="M50 12 C40 34 26 48 26 64 C26 78 37 88 50 88 C63 88 74 78 74 64 C74 48 60 34 50 12 Z" {s}/>',
        "sæbe": f'<rect x="16" y="48" width="62" height="34" rx="12" {s}/><circle cx="34" cy="30" r="8" {s}/>'
                f'<circle cx="56" cy="24" r="6" {s}/><circle cx="72" cy="36" r="5" {s}/>',
        "hånd": f'<path d="M30 90 C22 70 18 58 22 50 C26 44 32 48 34 56 V20 C34 12 44 12 44 20 V46 V14 C44 6 54 6 54 14 '
                f'V46 V18 C54 10 64 10 64 18 V48 V28 C64 20 74 20 74 28 V62 C74 80 66 90 56 90 Z" {s}/>',
        "håndklæde": f'<rect x="20" y="14" width="60" height="76" rx="4" {s}/><path d="M20 70 H80 M20 78 H80" {s}/>'
                     f'<path d="M14 14 H86" {s}/>',
        "robot": f'<rect x="22" y="30" width="56" height="44" rx="8" {s}/><circle cx="38" cy="48" r="6" {f}/>'
                 f'<circle cx="62" cy="48" r="6" {f}/><path d="M38 62 H62 M50 30 V16" {s}/><circle cx="50" cy="12" r="5" {f}/>'
                 f'<path d="M22 52 H10 M78 52 H90 M36 74 V90 M64 74 V90" {s}/>',
        "stjerne": _star_path(50, 52, 42),
        "hjerte": f'<path d="M50 86 C20 64 10 46 16 30 C22 16 42 14 50 30 C58 14 78 16 84 30 C90 46 80 64 50 86 Z" {f}/>',
        "hus": f'<path d="M14 48 L50 16 L86 48" {s}/><path d="M24 42 V86 H76 V42" {s}/><rect x="42" y="60" width="16" height="26" {s}/>',
        "træ": f'<circle cx="50" cy="36" r="26" {s}/><path d="M50 62 V90 M38 90 H62" {s}/>',
        "sol": f'<circle cx="50" cy="50" r="18" {s}/>' + "".join(
            f'<line x1="{50 + 26 * math.cos(a):.1f}" y1="{50 + 26 * math.sin(a):.1f}" x2="{50 + 40 * math.cos(a):.1f}" '
            f'y2="{50 + 40 * math.sin(a):.1f}" {s}/>' for a in [i * math.pi / 4 for i in range(8)]),
        "bold": f'<circle cx="50" cy="50" r="38" {s}/><polygon points="50,34 64,44 59,60 41,60 36,44" {f}/>'
                f'<path d="M50 34 V14 M64 44 L84 38 M59 60 L70 80 M41 60 L30 80 M36 44 L16 38" {s}/>',
        "pote": f'<ellipse cx="50" cy="66" rx="20" ry="16" {f}/><ellipse cx="24" cy="42" rx="8" ry="10" {f}/>'
                f'<ellipse cx="40" cy="28" rx="8" ry="10" {f}/><ellipse cx="60" cy="28" rx="8" ry="10" {f}/>'
                f'<ellipse cx="76" cy="42" rx="8" ry="10" {f}/>',
        "pensel": f'<path d="M20 84 C28 84 34 78 34 70 L70 22 C74 16 82 22 78 28 L40 76 C34 80 30 82 20 84 Z" {s}/>'
                  f'<circle cx="24" cy="24" r="10" {s}/><circle cx="76" cy="76" r="8" {s}/>',
        "saks": f'<circle cx="28" cy="72" r="12" {s}/><circle cx="72" cy="72" r="12" {s}/>'
                f'<path d="M36 62 L70 14 M64 62 L30 14" {s}/>',
        "node": f'<path d="M36 76 V22 L78 14 V66" {s}/><ellipse cx="28" cy="76" rx="10" ry="8" {f}/>'
                f'<ellipse cx="70" cy="68" rx="10" ry="8" {f}/><path d="M36 34 L78 26" {s}/>',
        "spil": f'<path d="M20 38 H80 C92 38 94 78 82 78 C74 78 70 66 62 66 H38 C30 66 26 78 18 78 C6 78 8 38 20 38 Z" {s}/>'
                f'<path d="M28 52 H40 M34 46 V58" {s}/><circle cx="64" cy="50" r="3.5" {f}/><circle cx="72" cy="56" r="3.5" {f}/>',
        "lås": f'<rect x="22" y="44" width="56" height="44" rx="6" {s}/><path d="M34 44 V30 C34 12 66 12 66 30 V44" {s}/>'
               f'<circle cx="50" cy="62" r="5" {f}/><path d="M50 66 V76" {s}/>',
        "nøgle": f'<circle cx="30" cy="50" r="16" {s}/><path d="M46 50 H88 M76 50 V62 M86 50 V60" {s}/>',
        "kuvert": f'<rect x="12" y="24" width="76" height="52" rx="3" {s}/><path d="M12 26 L50 56 L88 26" {s}/>',
        "lampe": f'<path d="M34 58 C22 48 24 16 50 14 C76 16 78 48 66 58 V70 H34 Z" {s}/><path d="M38 80 H62 M42 88 H58" {s}/>',
        "højttaler": f'<path d="M14 40 H30 L52 20 V80 L30 60 H14 Z" {s}/><path d="M64 36 C72 44 72 56 64 64 M74 26 C88 40 88 60 74 74" {s}/>',
        "knap": f'<circle cx="50" cy="50" r="36" {s}/><circle cx="50" cy="50" r="20" {f}/>',
        "telefon": f'<rect x="28" y="8" width="44" height="84" rx="8" {s}/><path d="M44 18 H56" {s}/><circle cx="50" cy="80" r="4" {f}/>',
        "kamera": f'<rect x="12" y="30" width="76" height="52" rx="6" {s}/><circle cx="50" cy="56" r="15" {s}/>'
                  f'<path d="M34 30 L40 18 H60 L66 30" {s}/>',
        "skat": f'<rect x="16" y="44" width="68" height="40" rx="4" {s}/><path d="M16 44 C16 20 84 20 84 44" {s}/>'
                f'<rect x="44" y="50" width="12" height="12" {f}/>',
        "ur": f'<circle cx="50" cy="52" r="36" {s}/><path d="M50 52 V28 M50 52 L66 60" {s}/>',
        "seng": f'<path d="M10 40 V84 M10 66 H90 V84 M10 54 H90 V66" {s}/><rect x="16" y="42" width="20" height="12" rx="4" {s}/>',
        "tøj": f'<path d="M36 14 L14 28 L22 44 L32 38 V88 H68 V38 L78 44 L86 28 L64 14 C60 22 40 22 36 14 Z" {s}/>',
        "sko": f'<path d="M12 72 V50 C24 50 34 44 38 34 L52 40 C58 56 74 58 88 64 V76 H12 Z" {s}/>',
        "skole": f'<path d="M10 44 L50 18 L90 44" {s}/><rect x="18" y="44" width="64" height="42" {s}/>'
                 f'<rect x="42" y="62" width="16" height="24" {s}/><path d="M50 18 V6 H64 V12 H50" {s}/>',
        "brød": f'<path d="M18 40 C10 22 90 22 82 40 V82 H18 Z" {s}/>',
        "skål": f'<path d="M12 44 H88 C88 70 70 84 50 84 C30 84 12 70 12 44 Z" {s}/><path d="M30 36 C34 28 42 40 46 30" {s}/>',
        "blomst": f'<circle cx="50" cy="34" r="9" {f}/>' + "".join(
            f'<circle cx="{50 + 16 * math.cos(a):.1f}" cy="{34 + 16 * math.sin(a):.1f}" r="9" {s}/>'
            for a in [i * math.pi / 3 for i in range(6)]) + f'<path d="M50 50 V90 M50 72 C40 62 30 66 28 72 C38 78 46 76 50 72" {s}/>',
        "øre": f'<path d="M34 80 C34 70 26 66 26 46 C26 24 40 12 54 12 C70 12 80 26 80 40 C80 56 64 58 64 72 '
               f'C64 82 56 90 46 88" {s}/><path d="M44 44 C44 34 60 32 62 42 C64 50 52 52 52 60" {s}/>',
        "pære": f'<path d="M36 62 C20 50 22 14 50 12 C78 14 80 50 64 62 V72 H36 Z" {s}/><path d="M40 80 H60 M44 88 H56" {s}/>'
                f'<path d="M44 56 L50 40 L56 56" {s}/>',
    }


ICONS = _icon_paths()


def icon(name) -> str:
    """A pictogram by its Danish name (see :data:`ICONS`)."""
    if str(name) not in ICONS:
        raise FigureError(f"ukendt ikon '{name}'; kendte ikoner: {', '.join(sorted(ICONS))}")
    return _svg(100, 100, ICONS[str(name)])


def symbol(text) -> str:
    """A big character or short word as a picture (♥, ★, ♪, 1, A, HOP)."""
    text = str(text)
    if not text or len(text) > 6:
        raise FigureError("symbol skal være 1-6 tegn")
    # a bold capital is ~0.75 em wide: two characters at 70 would run off the 100-wide canvas
    size = 70 if len(text) == 1 else min(58, max(18, 130 / len(text)))
    return _svg(100, 100, _text(50, 50 + size * 0.36, text, size, weight="bold"))


FIGURES = {
    "arrow": arrow, "grid": grid, "microbit": microbit, "dots": dots, "wheel": wheel, "bars": bars,
    "network": network, "sortnet": sortnet, "tree": tree, "footprint": footprint, "icon": icon, "symbol": symbol,
}


def figure_svg(spec) -> str:
    """The SVG of one figure spec (a mapping with exactly one key from :data:`FIGURES`)."""
    if not isinstance(spec, dict) or len(spec) != 1:
        raise FigureError(f"en figur skal være én nøgle med data, fx {{arrow: up}}; kendte figurer: {', '.join(FIGURES)}")
    (name, data), = spec.items()
    if name not in FIGURES:
        raise FigureError(f"ukendt figur '{name}'; kendte figurer: {', '.join(FIGURES)}")
    try:
        return FIGURES[name](data)
    except FigureError:
        raise
    except (TypeError, ValueError, KeyError, AttributeError, IndexError) as error:
        raise FigureError(f"figuren '{name}' kan ikke tegnes ud fra {data!r} ({error})") from None
