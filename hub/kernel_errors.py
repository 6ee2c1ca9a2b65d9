"""Errors a child can read: an IPython extension loaded in pupils' kernels only.

A Python traceback is 30 red lines with server paths and the one useful line at the
bottom, in English. In a pupil's kernel (the kernel spec in
hub/singleuser/data/kernels/python3 loads this module) every error is shown as one
to three Danish lines that name the pupil's own line, and the full traceback, without
server paths, sits behind "Vis detaljer".

The error stays an error: the kernel still sends an ``error`` output and an error
reply, so "run all" stops and checks that look for errors (nbgrader validate, Tjek)
see it. Only the text changes. The grader's kernels never load this module.
"""
from __future__ import annotations

import builtins
import html
import traceback
from dataclasses import dataclass

from kodefag.python_errors import explain, strip_paths

RED, RESET = "\x1b[31m", "\x1b[0m"
MAX_SHOWN = 80


@dataclass
class Place:
    """Where in the pupil's own code something happened."""

    cell: str | None  # the cell's execution count, e.g. "5", or None when unknown
    line: int
    text: str

    def describe(self) -> str:
        where = f"linje {self.line}" + (f" i celle [{self.cell}]" if self.cell else "")
        code = self.text.strip()
        if len(code) > MAX_SHOWN:
            code = code[: MAX_SHOWN - 3] + "..."
        return f"Se {where}: {code}" if code else f"Se {where}."


class Explainer:
    """Turns an exception into Danish lines; knows which file names are the pupil's cells."""

    def __init__(self, cell_number=lambda filename: None, names=lambda: []):
        #: filename -> execution count of the cell it came from, or None if not a cell
        self.cell_number = cell_number
        #: the names the pupil has defined (for "mente du ...?")
        self.names = names

    # --- where ---------------------------------------------------------------------
    def place(self, error: BaseException) -> Place | None:
        """The deepest line of the pupil's own code: the line to look at."""
        if isinstance(error, SyntaxError) and error.lineno:
            return Place(self.cell_number(error.filename or ""), error.lineno, error.text or "")
        found = None
        for frame in traceback.extract_tb(error.__traceback__):
            cell = self.cell_number(frame.filename)
            if cell is not None:
                found = Place(cell, frame.lineno or 0, frame.line or "")
        return found

    # --- what ----------------------------------------------------------------------
    def lines(self, error: BaseException) -> list[str]:
        """One to three Danish lines: what went wrong, and where."""
        place = self.place(error)
        explanation = self.explain(error)
        return [explanation] + ([place.describe()] if place else [])

    def explain(self, error: BaseException) -> str:
        return explain(type(error), str(error), name=getattr(error, "name", None), names=self.names(),
                       unknown_hint="Klik på Vis detaljer for at se mere.")


def details(error: BaseException, cell_number) -> str:
    """The full traceback as plain text: the pupil's cells by number, other files by name only."""
    lines = []
    frames = traceback.extract_tb(error.__traceback__)
    # skip IPython's own frames before the pupil's first cell
    first = next((i for i, f in enumerate(frames) if cell_number(f.filename) is not None), 0)
    for frame in frames[first:]:
        cell = cell_number(frame.filename)
        where = f"Celle [{cell}]" if cell is not None else strip_paths(frame.filename)
        lines.append(f"{where}, linje {frame.lineno}, i {frame.name}")
        if frame.line:
            lines.append(f"    {frame.line.strip()}")
    if isinstance(error, SyntaxError):
        cell = cell_number(error.filename or "")
        lines.append(f"Celle [{cell}], linje {error.lineno}" if cell else f"linje {error.lineno}")
        if error.text:
            lines.append(f"    {error.text.rstrip()}")
    lines.append(strip_paths("".join(traceback.format_exception_only(type(error), error)).strip()))
    return "\n".join(lines)


def details_html(text: str) -> str:
    return (f'<details class="kodefag-detaljer"><summary>Vis detaljer</summary>'
            f"<pre>{html.escape(text)}</pre></details>")


def load_ipython_extension(shell) -> None:
    """Replace how the kernel shows errors; keeps it an error for everything that checks."""
    original = shell._showtraceback
    compiler = shell.compile

    def cell_number(filename: str) -> str | None:
        label = compiler.format_code_name(filename) if filename else None
        return label[1].removeprefix("In[").removesuffix("]") if label else None

    def names() -> list[str]:
        return list(shell.user_ns) + dir(builtins)

    explainer = Explainer(cell_number, names)

    def show(etype, evalue, stb):
        try:
            danish = explainer.lines(evalue)
            full = details(evalue, cell_number)
        except Exception:  # never lose the error because explaining it failed
            shell.log.exception("kodefag: could not explain %s", etype)
            return original(etype, evalue, stb)
        original(etype, evalue, [RED + line + RESET for line in danish])
        shell.display_pub.publish(data={"text/plain": "Vis detaljer\n" + full, "text/html": details_html(full)},
                                  metadata={"kodefag": {"detaljer": True}})

    shell._showtraceback = show
