"""Printables (kopiark): cards, worksheets and read-aloud texts as a PDF, made with WeasyPrint.

Each activity without a computer has ``curriculum/kopiark/<id>.yaml``: a list of pages the
teacher prints. The content is data (text in Markdown, pictures as figures drawn from data by
:mod:`kodefag.curriculum.figures`), so the printables change with the curriculum and need no
downloads. ``kodefag curriculum print ID -o FILE.pdf`` and the portal's "Print" link call
:func:`kopiark_pdf`.

A file looks like this::

    pages:
      - kind: cards            # cut-out cards, ``columns`` per row, each card ``copies`` times
        title: Pilekort
        print: "På karton, ét ark pr. gruppe. Klip kortene ud."
        columns: 3
        copies: 3
        cards:
          - {figure: {arrow: up}, text: Frem}
      - kind: worksheet        # a sheet pupils write or draw on
        title: Skattekort
        print: "Ét pr. par."
        intro: "Læg kortene, så robotten når skatten."
        blocks:
          - figure: {grid: {rows: ["S....", "....X"]}}
          - lines: 3           # answer lines
          - draw: "Tegn din rute"   # a box to draw in
          - table: {columns: [Runde, Video, Emne], rows: 5}
          - rubric: true      # the activity's rubric from the year plan
      - kind: read_aloud       # a text the teacher reads aloud, printed large
        title: Appen Bamse
        print: "Til læreren."
        text: |
          Mille har fået en ny app ...
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Annotated, Literal, Union

import mistune
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from weasyprint import HTML

from .figures import FigureError, figure_svg
from .loader import Curriculum
from .schema import Activity

KOPIARK_DIR = "curriculum/kopiark"


class KopiarkError(ValueError):
    """A kopiark that cannot be read or built; the message is Danish and names the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Card(_Strict):
    text: str = ""
    #: a smaller line under the text (an explanation, a number)
    small: str = ""
    figure: dict | None = None

    @model_validator(mode="after")
    def _something_on_it(self) -> "Card":
        if not (self.text or self.figure or self.small):
            raise ValueError("et kort skal have text, small eller figure")
        return self


class CardsPage(_Strict):
    kind: Literal["cards"]
    title: str = Field(min_length=2)
    #: what to print and how many (shown on the overview page)
    print: str = Field(min_length=5)
    columns: int = Field(default=3, ge=1, le=4)
    copies: int = Field(default=1, ge=1, le=20)
    cards: list[Card] = Field(min_length=1)


class Table(_Strict):
    columns: list[str] = Field(min_length=1)
    #: a number of empty rows, or the rows' contents
    rows: int | list[list[str]] = 5


class Boxes(_Strict):
    """A grid of boxes to draw or write in (a comic strip, steps of an algorithm)."""

    count: int = Field(ge=1, le=24)
    columns: int = Field(default=3, ge=1, le=6)
    #: the height of each box in mm
    height: int = Field(default=50, ge=10, le=200)
    #: a label in each box (default: the box's number)
    labels: list[str] = Field(default_factory=list)


class Block(_Strict):
    """One part of a worksheet: exactly one of the fields."""

    text: str | None = None
    figure: dict | None = None
    #: several figures side by side
    figures: list[dict] | None = None
    #: the figure's printed width in mm (when it must have a real size, e.g. a cipher wheel to cut out)
    width: int | None = Field(default=None, ge=10, le=184)
    lines: int | None = Field(default=None, ge=1, le=30)
    draw: str | None = None
    #: the height of the drawing box in mm
    height: int = Field(default=60, ge=15, le=250)
    table: Table | None = None
    boxes: Boxes | None = None
    #: ``rubric: true`` prints the activity's rubric from the year plan (so it is written once)
    rubric: bool | None = None

    @model_validator(mode="after")
    def _one_thing(self) -> "Block":
        given = [name for name in ("text", "figure", "figures", "lines", "draw", "table", "boxes", "rubric")
                 if getattr(self, name) is not None]
        if len(given) != 1:
            raise ValueError("en blok skal have præcis én af text, figure, figures, lines, draw, table, boxes og rubric")
        return self


class WorksheetPage(_Strict):
    kind: Literal["worksheet"]
    title: str = Field(min_length=2)
    print: str = Field(min_length=5)
    intro: str = ""
    #: a "Navn: ____" line at the top (off for sheets the teacher uses)
    name_line: bool = True
    blocks: list[Block] = Field(min_length=1)


class ReadAloudPage(_Strict):
    kind: Literal["read_aloud"]
    title: str = Field(min_length=2)
    print: str = Field(min_length=5)
    text: str = Field(min_length=20)


Page = Annotated[Union[CardsPage, WorksheetPage, ReadAloudPage], Field(discriminator="kind")]


class Kopiark(_Strict):
    pages: list[Page] = Field(min_length=1)


# ----------------------------------------------------------------------------- reading
def kopiark_file(activity_id: str) -> str:
    return f"{KOPIARK_DIR}/{activity_id}.yaml"


def has_kopiark(curriculum: Curriculum, activity: Activity) -> bool:
    return (curriculum.root / kopiark_file(activity.id)).is_file()


def load_kopiark(curriculum: Curriculum, activity: Activity) -> Kopiark:
    """The activity's kopiark, or KopiarkError saying what is wrong (file, page, field)."""
    relative = kopiark_file(activity.id)
    path = curriculum.root / relative
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KopiarkError(f"kopiarket {relative} findes ikke") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise KopiarkError(f"kopiarket {relative} kan ikke læses: {str(error).splitlines()[0]}") from None
    try:
        return Kopiark.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise KopiarkError(f"kopiarket {relative}: {where}: {first['msg']}") from None


# ---------------------------------------------------------------------------- rendering
_markdown = mistune.create_markdown(escape=True, plugins=["table"])


def _md(text: str) -> str:
    return _markdown(text or "")


def _figure(spec: dict, where: str) -> str:
    try:
        return f'<div class="figur">{figure_svg(spec)}</div>'
    except FigureError as error:
        raise KopiarkError(f"{where}: {error}") from None


def _cards_html(page: CardsPage, where: str) -> str:
    cards = [card for card in page.cards for _ in range(page.copies)]
    cells = []
    for number, card in enumerate(cards):
        figure = _figure(card.figure, f"{where}, kort {number % len(page.cards) + 1}") if card.figure else ""
        text = f'<div class="korttekst">{escape(card.text)}</div>' if card.text else ""
        small = f'<div class="lille">{escape(card.small)}</div>' if card.small else ""
        cells.append(f'<td class="kort">{figure}{text}{small}</td>')
    rows = []
    for start in range(0, len(cells), page.columns):
        row = cells[start:start + page.columns]
        row += ['<td class="tom"></td>'] * (page.columns - len(row))
        rows.append("<tr>" + "".join(row) + "</tr>")
    return (f'<section class="side kortside kol{page.columns}"><h2>{escape(page.title)}</h2>'
            f'<p class="klip">✂ Klip langs de stiplede linjer.</p>'
            f'<table class="kortark">{"".join(rows)}</table></section>')


def _rubric_html(activity: Activity, where: str) -> str:
    if not activity.rubric:
        raise KopiarkError(f"{where}: aktiviteten har ingen rubrik at printe")
    width = max(len(criterion.levels) for criterion in activity.rubric)
    rows = []
    for criterion in activity.rubric:
        cells = "".join(f"<td><strong>{level.points} p.</strong> {escape(level.text)}</td>" for level in criterion.levels)
        cells += "<td></td>" * (width - len(criterion.levels))
        rows.append(f"<tr><th>{escape(criterion.criterion)}</th>{cells}</tr>")
    head = "<th>Kriterium</th>" + "".join(f"<th>Niveau {n}</th>" for n in range(1, width + 1))
    return (f'<table class="skema rubrik"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f'<p>I alt højst {activity.rubric_points} point.</p>')


def _block_html(block: Block, where: str, activity: Activity) -> str:
    if block.rubric:
        return _rubric_html(activity, where)
    if block.text is not None:
        return f'<div class="tekst">{_md(block.text)}</div>'
    if block.figure is not None:
        figure = _figure(block.figure, where)
        if block.width:
            figure = figure.replace('<div class="figur">', f'<div class="figur fast" style="width: {block.width}mm">', 1)
        return figure
    if block.figures is not None:
        cells = "".join(f"<td>{_figure(spec, where)}</td>" for spec in block.figures)
        return f'<table class="figurraekke"><tr>{cells}</tr></table>'
    if block.lines is not None:
        return '<div class="linjer">' + '<div class="linje"></div>' * block.lines + "</div>"
    if block.draw is not None:
        return (f'<div class="tegn" style="height: {block.height}mm"><span>{escape(block.draw)}</span></div>')
    if block.boxes is not None:
        boxes = block.boxes
        labels = boxes.labels or [str(number) for number in range(1, boxes.count + 1)]
        cells = [f'<td style="height: {boxes.height}mm"><span>{escape(labels[i]) if i < len(labels) else ""}</span></td>'
                 for i in range(boxes.count)]
        rows = ["<tr>" + "".join(cells[start:start + boxes.columns]) + "</tr>"
                for start in range(0, len(cells), boxes.columns)]
        return f'<table class="felter">{"".join(rows)}</table>'
    table = block.table
    head = "".join(f"<th>{escape(column)}</th>" for column in table.columns)
    if isinstance(table.rows, int):
        body = ("<tr>" + "<td>&nbsp;</td>" * len(table.columns) + "</tr>") * table.rows
    else:
        body = "".join("<tr>" + "".join(f"<td>{escape(str(cell))}</td>" for cell in row) + "</tr>" for row in table.rows)
    return f'<table class="skema"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _worksheet_html(page: WorksheetPage, where: str, activity: Activity) -> str:
    name = '<p class="navn">Navn: <span></span></p>' if page.name_line else ""
    intro = f'<div class="intro">{_md(page.intro)}</div>' if page.intro else ""
    blocks = "".join(_block_html(block, f"{where}, blok {index + 1}", activity) for index, block in enumerate(page.blocks))
    return f'<section class="side arbejdsark">{name}<h2>{escape(page.title)}</h2>{intro}{blocks}</section>'


def _read_aloud_html(page: ReadAloudPage) -> str:
    return (f'<section class="side laesop"><p class="maerke">Læs op</p><h2>{escape(page.title)}</h2>'
            f'{_md(page.text)}</section>')


KIND_LABELS = {"cards": "Kort", "worksheet": "Arbejdsark", "read_aloud": "Læs op"}


def _materials(curriculum: Curriculum, activity: Activity) -> str:
    """The description's "## Materialer" section (what to bring besides the printables)."""
    path = curriculum.content_path(activity)
    if activity.kind != "unplugged" or not path.is_file():
        return ""
    match = re.search(r"^##\s*Materialer\s*\n(.*?)(?=^##\s|\Z)", path.read_text(encoding="utf-8"), re.M | re.S)
    return _md(match.group(1)) if match else ""


def _overview_html(curriculum: Curriculum, activity: Activity, kopiark: Kopiark) -> str:
    items = "".join(f"<li><strong>{KIND_LABELS[page.kind]}: {escape(page.title)}</strong> - {escape(page.print)}</li>"
                    for page in kopiark.pages)
    where = f"{activity.grade}. klasse" if activity.track == "aarsplan" else f"{activity.track}, {activity.grade}.-9. klasse"
    materials = _materials(curriculum, activity)
    materials_html = f"<h3>Materialer</h3>{materials}" if materials else ""
    return (f'<section class="side oversigt"><p class="maerke">Kopiark · {escape(where)} · {activity.lessons} '
            f'lektioner</p><h1>{escape(activity.title)}</h1><h3>Det skal du printe</h3><ol>{items}</ol>'
            f'{materials_html}</section>')


CSS = """
@page { size: A4; margin: 14mm 13mm 16mm 13mm;
  @bottom-left { content: string(aktivitet); font: 8pt "DejaVu Sans"; color: #555; }
  @bottom-right { content: "Side " counter(page) " af " counter(pages); font: 8pt "DejaVu Sans"; color: #555; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 11pt; color: #222; }
h1 { font-size: 22pt; margin: 2mm 0 6mm; string-set: aktivitet content(); }
h2 { font-size: 16pt; margin: 0 0 3mm; }
h3 { font-size: 12pt; margin: 6mm 0 2mm; }
.side { page-break-before: always; }
.oversigt { page-break-before: avoid; }
.maerke { font-size: 9pt; text-transform: uppercase; letter-spacing: 0.05em; color: #555; margin: 0; }
.klip { font-size: 8pt; color: #555; margin: 0 0 2mm; }
table.kortark { border-collapse: collapse; width: 100%; table-layout: fixed; }
td.kort { border: 0.4mm dashed #777; text-align: center; vertical-align: middle; padding: 3mm; page-break-inside: avoid; }
td.tom { border: none; }
.kol1 td.kort { height: 120mm; } .kol2 td.kort { height: 82mm; } .kol3 td.kort { height: 60mm; } .kol4 td.kort { height: 46mm; }
.kortside .figur svg { max-height: 55%; }
.kol1 .figur svg { width: 60%; } .kol2 .figur svg { width: 60%; } .kol3 .figur svg { width: 62%; } .kol4 .figur svg { width: 62%; }
.korttekst { font-weight: bold; margin-top: 2mm; }
.kol1 .korttekst, .kol2 .korttekst { font-size: 18pt; } .kol3 .korttekst { font-size: 14pt; } .kol4 .korttekst { font-size: 11pt; }
.lille { font-size: 9pt; margin-top: 1mm; } .kol1 .lille, .kol2 .lille { font-size: 11pt; }
.navn { text-align: right; margin: 0 0 2mm; } .navn span { display: inline-block; width: 60mm; border-bottom: 0.3mm solid #222; }
.intro { margin-bottom: 3mm; }
.arbejdsark .figur { text-align: center; margin: 3mm 0; }
.arbejdsark .figur svg { width: auto; max-width: 100%; max-height: 85mm; }
.arbejdsark .figur.fast { margin: 3mm auto; } .arbejdsark .figur.fast svg { width: 100%; max-height: none; }
table.figurraekke { width: 100%; table-layout: fixed; } table.figurraekke td { text-align: center; vertical-align: top; padding: 0 3mm; }
table.figurraekke svg { max-height: 60mm; }
.linjer { margin: 2mm 0 4mm; } .linje { border-bottom: 0.3mm solid #444; height: 9mm; }
.tegn { border: 0.4mm solid #444; border-radius: 2mm; margin: 3mm 0; position: relative; }
.tegn span { position: absolute; top: 1.5mm; left: 2.5mm; font-size: 9pt; color: #555; }
table.felter { width: 100%; table-layout: fixed; border-collapse: separate; border-spacing: 2mm; margin: 1mm -2mm; }
table.felter td { border: 0.4mm solid #444; border-radius: 2mm; vertical-align: top; padding: 1.5mm 2mm; font-size: 10pt; font-weight: bold; }
table.skema { border-collapse: collapse; width: 100%; margin: 3mm 0; }
table.skema th, table.skema td { border: 0.3mm solid #444; padding: 1mm 2mm; text-align: left; height: 7mm; }
table.skema th { background: #eee; } table.rubrik td { font-size: 9.5pt; vertical-align: top; }
.laesop { font-family: "DejaVu Serif", serif; font-size: 15pt; line-height: 1.5; }
.tekst table, .laesop table { border-collapse: collapse; } .tekst td, .tekst th { border: 0.3mm solid #444; padding: 1.5mm; }
pre, code { font-family: "DejaVu Sans Mono", monospace; }
"""


def kopiark_html(curriculum: Curriculum, activity: Activity, kopiark: Kopiark | None = None) -> str:
    """The printable as one HTML document (overview page first, then the pages)."""
    kopiark = kopiark or load_kopiark(curriculum, activity)
    parts = [_overview_html(curriculum, activity, kopiark)]
    for number, page in enumerate(kopiark.pages, start=1):
        where = f"kopiarket {kopiark_file(activity.id)}: side {number} ({page.title})"
        if isinstance(page, CardsPage):
            parts.append(_cards_html(page, where))
        elif isinstance(page, WorksheetPage):
            parts.append(_worksheet_html(page, where, activity))
        else:
            parts.append(_read_aloud_html(page))
    return (f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>Kopiark: {escape(activity.title)}'
            f'</title><style>{CSS}</style></head><body>{"".join(parts)}</body></html>')


def kopiark_pdf(curriculum: Curriculum, activity: Activity) -> bytes:
    """The printable as PDF bytes (KopiarkError if the file is missing or broken)."""
    html = kopiark_html(curriculum, activity)
    return HTML(string=html, base_url=str(curriculum.root)).write_pdf()


def write_kopiark(curriculum: Curriculum, activity: Activity, output: Path) -> int:
    """Write the PDF to ``output``; returns its size in bytes."""
    data = kopiark_pdf(curriculum, activity)
    Path(output).write_bytes(data)
    return len(data)
