"""Danish messages for errors in pupils' micro:bit programs, with the pupil's line number."""
from __future__ import annotations

import re
import traceback

from kodefag.microbit.check import danish_syntax_message


def pupil_line(error: BaseException, pupil_files: set[str]) -> tuple[str, int] | None:
    """(file, line) of the innermost traceback frame in the pupil's own code."""
    if isinstance(error, SyntaxError) and error.filename in pupil_files:
        return error.filename, error.lineno or 1
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename in pupil_files:
            found = (frame.filename, frame.lineno or 1)
    return found


def _where(location) -> str:
    if location is None:
        return ""
    name, line = location
    return f" (linje {line})" if name == "main.py" else f" ({name}, linje {line})"


def _explain(error: BaseException, line_text: str = "") -> str:
    message = str(error)
    name = type(error).__name__
    if isinstance(error, SyntaxError):
        return danish_syntax_message(error.msg)
    if isinstance(error, SystemExit):
        return "Programmet blev stoppet med sys.exit(). På micro:bit vises det som en fejl."
    if isinstance(error, NameError):
        match = re.search(r"'([^']+)'", message)
        return (f"Navnet '{match.group(1) if match else '?'}' er ikke defineret. Har du stavet det rigtigt, "
                "og har du skrevet 'from microbit import *'?")
    if isinstance(error, ImportError):
        match = re.search(r"'([^']+)'", message)
        return f"Modulet '{match.group(1) if match else '?'}' findes ikke på micro:bit."
    if isinstance(error, AttributeError):
        match = re.findall(r"'([^']+)'", message)
        if len(match) >= 2:
            owner = re.search(rf"([A-Za-z_][\w.]*)\.{re.escape(match[-1])}\b", line_text)
            return f"'{owner.group(1) if owner else match[0]}' har ikke noget, der hedder '{match[-1]}'. Tjek stavningen."
        return "Noget i programmet har ikke den egenskab eller funktion, der bruges."
    if isinstance(error, ZeroDivisionError):
        return "Der bliver divideret med nul."
    if isinstance(error, IndexError):
        return "Der bruges en plads (et indeks), som ikke findes i listen eller teksten."
    if isinstance(error, KeyError):
        return f"Nøglen {message} findes ikke i ordbogen."
    if isinstance(error, RecursionError):
        return "En funktion kalder sig selv for mange gange."
    if isinstance(error, MemoryError):
        return "Programmet bruger mere hukommelse, end micro:bit har."
    if isinstance(error, TypeError):
        if "can't convert" in message or "must be" in message or "unsupported operand" in message \
                or "can only concatenate" in message:
            return ("En værdi har den forkerte type - fx tekst hvor der skal bruges et tal. "
                    "Brug str(...) eller int(...) for at lave om.")
        if "argument" in message:
            return "En funktion får det forkerte antal argumenter (værdier i parentesen)."
        return "En værdi har den forkerte type til det, den bruges til."
    if isinstance(error, ValueError):
        if "out of bounds" in message or "out of range" in message:
            return "Et tal er uden for det tilladte område (fx x og y skal være 0-4, lysstyrke 0-9)."
        if "radio is not enabled" in message:
            return "Radioen er slukket. Skriv radio.on() før du sender eller modtager."
        if "invalid literal for int" in message:
            return "Teksten kan ikke laves om til et tal med int(...)."
        if "message too long" in message:
            return "Radiobeskeden er for lang (højst 32 tegn som standard)."
        return "En værdi er ugyldig til det, den bruges til."
    if isinstance(error, OSError):
        return "Fejl i micro:bit's filsystem (fx en fil, der ikke findes, eller der er ikke mere plads)."
    return f"Programmet stoppede med en fejl ({name})."


def danish_error(error: BaseException, pupil_files) -> str:
    """One Danish sentence for the pupil, with the line of their own code.

    ``pupil_files`` names the pupil's files; when it maps names to sources, the
    offending line is used to word the message (``display.scrol`` rather than a type name).
    """
    location = pupil_line(error, pupil_files)
    line_text = ""
    if location and isinstance(pupil_files, dict):
        lines = str(pupil_files.get(location[0], "")).splitlines()
        line_text = lines[location[1] - 1] if 0 < location[1] <= len(lines) else ""
    return f"Fejl{_where(location)}: {_explain(error, line_text)}"


def busy_message(error: BaseException, pupil_files: set[str]) -> str:
    return (f"Programmet blev stoppet{_where(pupil_line(error, pupil_files))}: det regnede for længe uden at "
            "vente eller bruge micro:bit. Er der en løkke uden sleep?")


def micropython_traceback(error: BaseException, pupil_files: set[str]) -> str:
    """The traceback as the micro:bit itself prints it on the serial port (English)."""
    lines = ["Traceback (most recent call last):"]
    if isinstance(error, SyntaxError):
        lines.append(f'  File "{_mp_name(error.filename)}", line {error.lineno or 1}')
        return "\n".join(lines + ["SyntaxError: invalid syntax"])
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename in pupil_files:
            lines.append(f'  File "{_mp_name(frame.filename)}", line {frame.lineno}, in {frame.name}')
    text = _micropython_message(error)
    lines.append(f"{type(error).__name__}: {text}")  # MicroPython keeps the colon even without a message
    return "\n".join(lines)


#: CPython messages reworded the way MicroPython 1.9 words them
_MESSAGES = [
    (r"^invalid literal for int\(\) with base (\d+).*", r"invalid syntax for integer with base \1"),
    (r"^could not convert string to float.*", "invalid syntax for number"),
    (r"^list index out of range$", "list index out of range"),
    (r"^name '(\w+)' is not defined$", r"name '\1' is not defined"),
    (r'^can only concatenate str \(not "(\w+)"\) to str$', r"can't convert '\1' object to str implicitly"),
    (r"^unsupported operand type\(s\) for ([^:]+): '(\w+)' and '(\w+)'$", r"unsupported types for \1: '\2', '\3'"),
    (r"^\w+\(\) takes (\d+) positional arguments? but (\d+) (?:were|was) given$",
     r"function takes \1 positional arguments but \2 were given"),
    (r"^module 'microbit' has no attribute '(\w+)'$", r"'module' object has no attribute '\1'"),
]
_OPERATORS = {"+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "//": "__floordiv__",
              "%": "__mod__", "**": "__pow__"}


def _micropython_message(error: BaseException) -> str:
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])  # MicroPython prints the key without quotes
    text = str(error)
    for pattern, replacement in _MESSAGES:
        if re.match(pattern, text):
            text = re.sub(pattern, replacement, text)
            break
    match = re.match(r"^unsupported types for ([^:]+): ", text)
    if match and match.group(1) in _OPERATORS:
        text = text.replace(match.group(1), _OPERATORS[match.group(1)], 1)
    return text


def _mp_name(filename: str) -> str:
    return "__main__" if filename == "main.py" else filename
