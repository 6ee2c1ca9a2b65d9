"""Python's errors in Danish a child can read: one rule set for the pupil's kernel and the grader.

A pupil meets an error twice: when their cell fails in their own kernel
(hub/kernel_errors.py shows it there) and when a hand-in's test cell fails in the
grader (grader/engine.py writes it into the feedback). Both say the same Danish
sentence, from :func:`explain`. The kernel has the exception object; the grader has
only what the notebook's error output keeps - the error's name and message - so the
rules work on those.
"""
from __future__ import annotations

import builtins
import difflib
import re
from collections.abc import Iterable

#: an absolute path up to its last slash: "/home/elev/.venv/lib/x.py" -> "x.py"
PATH_PREFIX = re.compile(r"(?:/[^/\s'\"():]+)+/(?=[^/\s'\"():]+)")
NOT_WRITTEN = "Du mangler at skrive din kode. Skriv den der, hvor der stod # DIN KODE HER."


def strip_paths(text: str) -> str:
    """Remove folder names from absolute paths (a pupil never needs the server's layout)."""
    return PATH_PREFIX.sub("", text)


def error_class(name: str) -> type[BaseException] | None:
    """The built-in exception class of that name (from a notebook's ``ename``), or None."""
    found = getattr(builtins, name, None)
    return found if isinstance(found, type) and issubclass(found, BaseException) else None


def explain(kind: type[BaseException], message: str, *, name: str | None = None,
            names: Iterable[str] = (), unknown_hint: str = "") -> str:
    """One Danish sentence for an error of ``kind`` with Python's ``message``.

    ``name`` is the missing name of a NameError, where known; ``names`` are the names the
    pupil has defined, for "Mente du ...?"; ``unknown_hint`` follows the sentence for an
    error without a rule of its own (where to read more).
    """
    if issubclass(kind, IndentationError):
        return _indentation(message)
    if issubclass(kind, SyntaxError):
        return _syntax(message)
    if issubclass(kind, NameError):
        return _name(name or _quoted(message) or "?", names)
    if issubclass(kind, TypeError):
        return _type(message)
    if issubclass(kind, ZeroDivisionError):
        return "Du dividerer med 0, og det kan man ikke. Se, hvad der står efter / i linjen."
    if issubclass(kind, IndexError):
        return "Der er ikke så mange pladser i listen (eller teksten). Husk: den første plads er nummer 0."
    if issubclass(kind, KeyError):
        return f"Ordbogen har ikke nøglen {message or '?'}. Tjek stavningen."
    if issubclass(kind, AssertionError):
        return f"Testen fejlede: {strip_paths(message)}" if message else "En test fejlede."
    if issubclass(kind, KeyboardInterrupt):
        return "Programmet blev stoppet. Kører du en løkke, der aldrig slutter? Tjek, at løkken kan blive færdig."
    if issubclass(kind, NotImplementedError):
        return NOT_WRITTEN
    if issubclass(kind, RecursionError):
        return "Funktionen kalder sig selv igen og igen uden at stoppe."
    if issubclass(kind, MemoryError):
        return "Din kode brugte for meget hukommelse."
    if issubclass(kind, ValueError):
        return "En værdi kan ikke bruges her, fx tekst, der skulle have været et tal."
    if issubclass(kind, AttributeError):
        return "Værdien har ikke det, du beder om efter punktummet. Tjek stavningen."
    if issubclass(kind, ImportError):
        return "Python kan ikke finde det, du prøver at importere. Tjek stavningen."
    return f"Der skete en fejl ({kind.__name__})." + (f" {unknown_hint}" if unknown_hint else "")


def _indentation(message: str) -> str:
    if "expected an indented block" in message:
        return "Linjen efter et kolon (:) skal rykkes ind med Tab."
    if "unexpected indent" in message:
        return "Linjen er rykket ind, men det skal den ikke være."
    return "Indrykningen passer ikke. Linjer i samme blok skal starte lige langt inde."


def _syntax(message: str) -> str:
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


def _name(name: str, names: Iterable[str]) -> str:
    text = f"Python kender ikke navnet {name}. Har du stavet det rigtigt og kørt cellen, hvor det bliver lavet?"
    close = difflib.get_close_matches(name, [n for n in names if not n.startswith("_")], n=1)
    return text + (f" Mente du {close[0]}?" if close else "")


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
