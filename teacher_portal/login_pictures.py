"""The pictures of the young pupils' logins, drawn here as small SVGs (no images to fetch).

Two sets, deliberately unlike each other so a child never mixes them up:

- :data:`SYMBOLS` - coloured shapes ("blå stjerne"). Every pupil has one, unique within
  the class; it is printed on the pupil's login card and shown beside the name on the
  picture login, so a child who cannot yet read their name finds their own button.
- :data:`CODE_PICTURES` - nine things (sol, hus, fisk ...). A picture code is three of
  them in order (repeats allowed: 9**3 = 729 codes), see :mod:`.picture_login`.

Colours are chosen for contrast on white and every symbol also has a Danish word, so
the shape and the word still tell symbols apart on a black-and-white print.
"""
import math

from markupsafe import Markup, escape

_OUTLINE = 'stroke="#1b1b1b" stroke-width="3" stroke-linejoin="round"'


def _star_points() -> str:
    points = []
    for i in range(10):
        radius = 44 if i % 2 == 0 else 19
        angle = math.pi / 2 + i * math.pi / 5
        points.append(f"{50 + radius * math.cos(angle):.1f},{54 - radius * math.sin(angle):.1f}")
    return " ".join(points)


def _hexagon_points() -> str:
    return " ".join(f"{50 + 42 * math.cos(math.pi / 3 * i):.1f},{50 + 42 * math.sin(math.pi / 3 * i):.1f}"
                    for i in range(6))


#: shape -> (Danish word, neuter noun?, SVG body using the placeholder FILL)
SHAPES = {
    "cirkel": ("cirkel", False, '<circle cx="50" cy="50" r="40" fill="FILL" {o}/>'),
    "firkant": ("firkant", False, '<rect x="13" y="13" width="74" height="74" rx="4" fill="FILL" {o}/>'),
    "trekant": ("trekant", False, '<polygon points="50,8 92,88 8,88" fill="FILL" {o}/>'),
    "stjerne": ("stjerne", False, f'<polygon points="{_star_points()}" fill="FILL" {{o}}/>'),
    "hjerte": ("hjerte", True, '<path d="M50 88 C 8 58, 6 22, 30 16 C 41 13, 48 21, 50 28 C 52 21, 59 13, 70 16 '
                               'C 94 22, 92 58, 50 88 Z" fill="FILL" {o}/>'),
    "maane": ("måne", False, '<path d="M62 8 A 42 42 0 0 0 62 92 A 50 50 0 0 1 62 8 Z" fill="FILL" {o}/>'),
    "sky": ("sky", False, '<path d="M24 78 A 16 16 0 0 1 22 46 A 18 18 0 0 1 48 30 A 22 22 0 0 1 86 46 '
                          'A 16 16 0 0 1 80 78 Z" fill="FILL" {o}/>'),
    "draabe": ("dråbe", False, '<path d="M50 6 C 44 22, 18 48, 18 64 A 32 32 0 0 0 82 64 C 82 48, 56 22, 50 6 Z" '
                               'fill="FILL" {o}/>'),
    "kryds": ("kryds", True, '<polygon points="36,8 64,8 64,36 92,36 92,64 64,64 64,92 36,92 36,64 8,64 8,36 36,36" '
                             'fill="FILL" {o}/>'),
    "rombe": ("rombe", False, '<polygon points="50,6 92,50 50,94 8,50" fill="FILL" {o}/>'),
    "sekskant": ("sekskant", False, f'<polygon points="{_hexagon_points()}" fill="FILL" {{o}}/>'),
    "pil": ("pil", False, '<polygon points="8,36 54,36 54,14 94,50 54,86 54,64 8,64" fill="FILL" {o}/>'),
}
#: colour -> (common gender word, neuter word, fill)
COLOURS = {
    "blaa": ("blå", "blåt", "#1d5fc4"),
    "roed": ("rød", "rødt", "#c62828"),
    "groen": ("grøn", "grønt", "#2e7d32"),
}
#: every symbol id ("stjerne-blaa"), in the order they are handed out: neighbours differ
#: in shape and colour, so the first pupils of a class get clearly different symbols
SYMBOLS = [f"{list(SHAPES)[i % len(SHAPES)]}-{list(COLOURS)[(i + i // len(SHAPES)) % len(COLOURS)]}"
           for i in range(len(SHAPES) * len(COLOURS))]

#: the nine pictures of a picture code: id -> (Danish word, SVG body)
CODE_PICTURES = {
    "sol": ("sol", '<g stroke="#b06d00" stroke-width="6" stroke-linecap="round">'
                   + "".join(f'<line x1="{50 + 30 * math.cos(a):.1f}" y1="{50 + 30 * math.sin(a):.1f}" '
                             f'x2="{50 + 44 * math.cos(a):.1f}" y2="{50 + 44 * math.sin(a):.1f}"/>'
                             for a in (math.pi / 4 * i for i in range(8)))
                   + '</g><circle cx="50" cy="50" r="22" fill="#ffc107" stroke="#b06d00" stroke-width="3"/>'),
    "hus": ("hus", '<rect x="20" y="46" width="60" height="44" fill="#e57373" stroke="#1b1b1b" stroke-width="3"/>'
                   '<polygon points="12,50 50,14 88,50" fill="#8d4a2b" stroke="#1b1b1b" stroke-width="3" '
                   'stroke-linejoin="round"/><rect x="42" y="64" width="16" height="26" fill="#5d4037"/>'
                   '<rect x="26" y="56" width="12" height="12" fill="#bbdefb" stroke="#1b1b1b" stroke-width="2"/>'),
    "fisk": ("fisk", '<polygon points="70,50 94,30 94,70" fill="#ef6c00" stroke="#1b1b1b" stroke-width="3" '
                     'stroke-linejoin="round"/><ellipse cx="44" cy="50" rx="34" ry="22" fill="#ff9800" '
                     'stroke="#1b1b1b" stroke-width="3"/><circle cx="28" cy="44" r="5" fill="#1b1b1b"/>'),
    "trae": ("træ", '<rect x="43" y="56" width="14" height="36" fill="#6d4c41" stroke="#1b1b1b" stroke-width="3"/>'
                    '<circle cx="50" cy="38" r="30" fill="#43a047" stroke="#1b1b1b" stroke-width="3"/>'),
    "bil": ("bil", '<path d="M8 70 L8 52 L24 50 L34 32 L68 32 L80 50 L92 54 L92 70 Z" fill="#1e88e5" '
                   'stroke="#1b1b1b" stroke-width="3" stroke-linejoin="round"/>'
                   '<polygon points="38,37 50,37 50,50 30,50" fill="#e3f2fd"/>'
                   '<polygon points="55,37 65,37 74,50 55,50" fill="#e3f2fd"/>'
                   '<circle cx="28" cy="72" r="10" fill="#212121"/><circle cx="72" cy="72" r="10" fill="#212121"/>'),
    "aeble": ("æble", '<circle cx="50" cy="58" r="32" fill="#d32f2f" stroke="#1b1b1b" stroke-width="3"/>'
                      '<path d="M50 28 L54 10" stroke="#5d4037" stroke-width="5" stroke-linecap="round"/>'
                      '<path d="M55 18 C 66 6, 82 12, 80 16 C 72 24, 60 24, 55 18 Z" fill="#66bb6a" '
                      'stroke="#1b1b1b" stroke-width="2"/>'),
    "baad": ("båd", '<path d="M4 86 Q 27 78 50 86 T 96 86" stroke="#1565c0" stroke-width="5" fill="none"/>'
                    '<polygon points="10,64 90,64 76,80 24,80" fill="#8d6e63" stroke="#1b1b1b" stroke-width="3" '
                    'stroke-linejoin="round"/><line x1="50" y1="10" x2="50" y2="64" stroke="#1b1b1b" stroke-width="4"/>'
                    '<polygon points="54,14 84,58 54,58" fill="#fafafa" stroke="#1b1b1b" stroke-width="3" '
                    'stroke-linejoin="round"/>'),
    "kat": ("kat", '<polygon points="18,40 24,8 44,28" fill="#9e9e9e" stroke="#1b1b1b" stroke-width="3" '
                   'stroke-linejoin="round"/><polygon points="82,40 76,8 56,28" fill="#9e9e9e" stroke="#1b1b1b" '
                   'stroke-width="3" stroke-linejoin="round"/><circle cx="50" cy="54" r="36" fill="#bdbdbd" '
                   'stroke="#1b1b1b" stroke-width="3"/><circle cx="37" cy="48" r="5" fill="#1b5e20"/>'
                   '<circle cx="63" cy="48" r="5" fill="#1b5e20"/><polygon points="45,62 55,62 50,68" fill="#e91e63"/>'
                   '<g stroke="#1b1b1b" stroke-width="2"><line x1="20" y1="62" x2="40" y2="66"/>'
                   '<line x1="80" y1="62" x2="60" y2="66"/><line x1="20" y1="72" x2="40" y2="70"/>'
                   '<line x1="80" y1="72" x2="60" y2="70"/></g>'),
    "ballon": ("ballon", '<path d="M50 70 Q 44 82 52 96" stroke="#1b1b1b" stroke-width="2" fill="none"/>'
                         '<ellipse cx="50" cy="38" rx="28" ry="33" fill="#8e24aa" stroke="#1b1b1b" stroke-width="3"/>'
                         '<polygon points="45,72 55,72 50,66" fill="#8e24aa" stroke="#1b1b1b" stroke-width="2"/>'
                         '<ellipse cx="40" cy="26" rx="6" ry="10" fill="#ce93d8"/>'),
}


def _svg(body: str, label: str | None, size: str) -> Markup:
    """Inline SVG: labelled for screen readers, or hidden when a visible word sits beside it."""
    a11y = f'role="img" aria-label="{escape(label)}"' if label else 'aria-hidden="true" focusable="false"'
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="{size}" height="{size}" '
                  f'{a11y}>{body}</svg>')


def symbol_word(symbol: str) -> str:
    """The symbol in Danish: "blå stjerne", "rødt hjerte"."""
    shape, colour = symbol.split("-")
    word, neuter, _body = SHAPES[shape]
    common, neuter_colour, _fill = COLOURS[colour]
    return f"{neuter_colour if neuter else common} {word}"


def symbol_svg(symbol: str, size: str = "48", label: bool = False) -> Markup:
    shape, colour = symbol.split("-")
    body = SHAPES[shape][2].replace("FILL", COLOURS[colour][2]).format(o=_OUTLINE)
    return _svg(body, symbol_word(symbol) if label else None, size)


def picture_word(picture: str) -> str:
    return CODE_PICTURES[picture][0]


def picture_svg(picture: str, size: str = "64", label: bool = False) -> Markup:
    return _svg(CODE_PICTURES[picture][1], picture_word(picture) if label else None, size)
