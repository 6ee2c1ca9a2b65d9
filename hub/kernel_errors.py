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
import difflib
import html
import re
import traceback
from dataclasses import dataclass

RED, RESET = "\x1b[31m", "\x1b[0m"
#: an absolute path up to its last slash: "/home/elev/.venv/lib/x.py" -> "x.py"
PATH_PREFIX = re.compile(r"(?:/[^/\s'\"():]+)+/(?=[^/\s'\"():]+)")
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


def strip_paths(text: str) -> str:
    """Remove folder names from absolute paths (a pupil never needs the server's layout)."""
    return PATH_PREFIX.sub("", text)


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
        message = str(error)
        if isinstance(error, IndentationError):
            return self._indentation(error)
        if isinstance(error, SyntaxError):
            return self._syntax(error)
        if isinstance(error, NameError):
            return self._name(error)
        if isinstance(error, TypeError):
            return self._type(message)
        if isinstance(error, ZeroDivisionError):
            return "Du dividerer med 0, og det kan man ikke. Se, hvad der står efter / i linjen."
        if isinstance(error, IndexError):
            return ("Der er ikke så mange pladser i listen (eller teksten). "
                    "Husk: den første plads er nummer 0.")
        if isinstance(error, KeyError):
            key = repr(error.args[0]) if error.args else "?"
            return f"Ordbogen har ikke nøglen {key}. Tjek stavningen."
        if isinstance(error, AssertionError):
            return f"Testen fejlede: {strip_paths(message)}" if message else "En test fejlede."
        if isinstance(error, KeyboardInterrupt):
            return ("Programmet blev stoppet. Kører du en løkke, der aldrig slutter? "
                    "Tjek, at løkken kan blive færdig.")
        if isinstance(error, NotImplementedError):
            return "Du mangler at skrive din kode. Skriv den der, hvor der stod # DIN KODE HER."
        if isinstance(error, RecursionError):
            return "Funktionen kalder sig selv igen og igen uden at stoppe."
        if isinstance(error, ValueError):
            return "En værdi kan ikke bruges her, fx tekst, der skulle have været et tal."
        if isinstance(error, AttributeError):
            return "Værdien har ikke det, du beder om efter punktummet. Tjek stavningen."
        if isinstance(error, (ModuleNotFoundError, ImportError)):
            return "Python kan ikke finde det, du prøver at importere. Tjek stavningen."
        return f"Der skete en fejl ({type(error).__name__}). Klik på Vis detaljer for at se mere."

    def _indentation(self, error: IndentationError) -> str:
        message = error.msg or ""
        if "expected an indented block" in message:
            return "Linjen efter et kolon (:) skal rykkes ind med Tab."
        if "unexpected indent" in message:
            return "Linjen er rykket ind, men det skal den ikke være."
        return "Indrykningen passer ikke. Linjer i samme blok skal starte lige langt inde."

    def _syntax(self, error: SyntaxError) -> str:
        message = error.msg or ""
        if "was never closed" in message or "incomplete input" in message or "unexpected EOF" in message:
            return "En parentes bliver åbnet, men aldrig lukket. Python kan ikke læse koden."
        if "unmatched" in message or "does not match" in message:
            return "Der er en parentes for meget, eller de passer ikke sammen. Python kan ikke læse koden."
        if "expected ':'" in message:
            return "Der mangler et kolon (:) sidst i linjen. Python kan ikke læse koden."
        if "unterminated string" in message or "EOL while scanning" in message:
            return "En tekst mangler sit sidste anførselstegn. Python kan ikke læse koden."
        if "Maybe you meant '=='" in message:
            return "Brug == for at sammenligne. Ét = gemmer en værdi. Python kan ikke læse koden."
        return "Python kan ikke læse koden. Se efter et tegn, der mangler eller er for meget."

    def _name(self, error: NameError) -> str:
        name = getattr(error, "name", None) or _quoted(str(error)) or "?"
        text = f"Python kender ikke navnet {name}. Har du stavet det rigtigt og kørt cellen, hvor det bliver lavet?"
        close = difflib.get_close_matches(name, [n for n in self.names() if not n.startswith("_")], n=1)
        return text + (f" Mente du {close[0]}?" if close else "")

    @staticmethod
    def _type(message: str) -> str:
        if "can only concatenate str" in message or re.search(r"for \+: '(int|float)' and 'str'", message) \
                or re.search(r"for \+: 'str' and '(int|float)'", message):
            return "Du kan ikke lægge tekst og tal sammen. Brug str(tal) eller int(tekst)."
        if "unsupported operand" in message:
            return "De to værdier kan ikke regnes sammen på den måde. Blander du tekst og tal?"
        match = re.search(r"(\w+)\(\) missing \d+ required positional arguments?: (.+)", message)
        if match:
            return f"Funktionen {match.group(1)} mangler en værdi: {match.group(2).replace(' and ', ' og ')}."
        match = re.search(r"(\w+)\(\) takes (\d+) positional arguments? but (\d+)", message)
        if match:
            return f"Funktionen {match.group(1)} skal have {match.group(2)} værdier, men fik {match.group(3)}."
        match = re.search(r"'(\w+)' object is not callable", message)
        if match:
            return f"En værdi af typen {match.group(1)} er ikke en funktion, men du kalder den med ( )."
        if "not subscriptable" in message:
            return "Du kan kun bruge [ ] på lister, tekster og ordbøger."
        if "not iterable" in message:
            return "Du kan kun gå en liste, en tekst eller en range igennem med for."
        return "Værdien har en forkert type her. Blander du tekst og tal?"


def _quoted(message: str) -> str | None:
    match = re.search(r"'([^']+)'", message)
    return match.group(1) if match else None


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
