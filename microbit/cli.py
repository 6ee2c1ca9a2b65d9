"""`kodefag microbit ...`: build, check, run, flash micro:bit programs.

Written with argparse from the standard library, not click like the other
components' commands: a pupil's ``kodefag microbit build`` must start as fast as
uflash's command line (issue 14), and importing click costs more than uflash's
whole run. Each command imports what it needs when it runs.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kodefag.cli import refuses_without_sandbox
from kodefag.microbit.sources import SourceError, danish_os_error, read_source


def _fail(message: str, code: int = 1):
    print(message, file=sys.stderr)
    sys.exit(code)


def _module_name(path: Path, first: bool) -> str:
    """main.py for the first file, the file's own name for modules."""
    return "main.py" if first else path.name


def _read_program(files: list[Path]) -> dict[str, str]:
    """The program's files by the names they get on the micro:bit (the first is main.py)."""
    try:
        return {_module_name(p, i == 0): read_source(p) for i, p in enumerate(files)}
    except SourceError as error:
        _fail(str(error))


def build(options) -> int:
    """Byg en .hex-fil: den første fil bliver main.py, de andre moduler."""
    from kodefag.microbit.check import check_files, has_errors, report
    from kodefag.microbit.hexbuild import BuildError, write_hex

    contents = _read_program(options.files)
    problems = check_files(contents, options.target)
    if problems:
        print(report(problems), file=sys.stderr)
    if has_errors(problems) and not options.force:
        _fail("Ret fejlene først (eller byg alligevel med --force).")
    try:
        write_hex(contents, options.output, options.target)
    except BuildError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"Kunne ikke gemme {options.output}: {danish_os_error(error)}.")
    print(f"Gemt {options.output} ({options.target}, {len(contents)} fil(er)).")
    return 0


def check(options) -> int:
    """Tjek et micro:bit-program: syntaks (også V1), API-navne, størrelse og typiske fejl."""
    import json

    from kodefag.microbit.check import ERROR, Problem, as_dicts, check_files, report

    contents, problems = {}, []
    for path in options.files:
        name = path.name
        try:
            contents[name] = read_source(path)
        except SourceError as error:
            problems.append(Problem(1, ERROR, str(error), name))
    if not problems:
        problems = check_files(contents)
    failed = any(p.severity == ERROR or options.strict for p in problems)
    if options.as_json:
        print(json.dumps({"ok": not failed, "problems": as_dicts(problems)}, ensure_ascii=False, indent=2))
    else:
        print(report(problems))
    return 1 if failed else 0


def _split_inputs(values) -> list[str]:
    """--press may be given many times, each with one item or several separated by commas or spaces.

    A value whose parts do not all carry an @time (``accel=1,2,3@100``, ``radio=hej med dig@500``)
    is one item.
    """
    import re

    items = []
    for value in values:
        parts = [p for p in re.split(r"[,;\s]+", value) if p]
        if parts and all("@" in p for p in parts):
            items.extend(parts)
        elif value.strip():
            items.append(value.strip())
    return items


@refuses_without_sandbox
def run(options) -> int:
    """Kør et micro:bit-program i simulatoren (virtuel tid)."""
    import json

    from kodefag.microbit.simulator import InputError, simulate_boards

    program = _read_program(options.files)
    try:
        others = [{"main.py": read_source(p)} for p in options.board_files]
    except SourceError as error:
        _fail(str(error))
    if not 1 <= options.boards <= 8:
        _fail("Vælg mellem 1 og 8 micro:bits.")
    if not 0 < options.seconds <= 600:
        _fail("Vælg en simuleret tid mellem 0 og 600 sekunder.")
    try:
        result = simulate_boards([program] * options.boards + others, seconds=options.seconds,
                                 inputs=_split_inputs(options.inputs), seed=options.seed)
    except InputError as error:
        _fail(str(error))
    if options.as_json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(_describe_run(result))
    return 1 if result.get("error") else 0


def _describe_run(result: dict) -> str:
    lines = []
    traces = result.get("boards") or [result]
    for number, trace in enumerate(traces, start=1):
        if len(traces) > 1:
            lines.append(f"--- micro:bit {number} ---")
        for ms, value in trace.get("display", []):
            lines.append(f"{ms:>7} ms  skærm: {value}")
        if trace.get("serial"):
            lines.append("Udskrift (print):")
            lines.append(trace["serial"].rstrip("\n"))
        lines.append(trace["error"] or f"Ingen fejl. Kørte {trace.get('ms', 0)} ms simuleret tid.")
    return "\n".join(lines)


def flash(options) -> int:
    """Send programmet til micro:bit (kopierer .hex til MICROBIT-drevet)."""
    from kodefag.microbit import flash as flashing
    from kodefag.microbit.check import check_files, has_errors, report
    from kodefag.microbit.hexbuild import BuildError, build_hex

    contents = _read_program(options.files)
    problems = check_files(contents)
    if has_errors(problems):
        _fail(report(problems) + "\nRet fejlene, før programmet sendes.")
    try:
        hex_text = build_hex(contents)
    except BuildError as error:
        _fail(str(error))
    drives = options.drives
    found = flashing.find_drives(drives or None, all_drives=options.all_drives or len(drives) > 1)
    if not found:
        _fail(flashing.NO_DRIVE_MESSAGE)
    results = flashing.flash_all(hex_text, found)
    for result in results:
        print(result.message)
    ok = sum(r.ok for r in results)
    print(f"Sendt til {ok} af {len(results)} micro:bit(s).")
    return 0 if ok == len(results) else 1


@refuses_without_sandbox
def grade(options) -> int:
    """Bedøm et program mod en lektions scenarier (LESSON er fx mb-terning eller en mappe)."""
    import json

    from kodefag.microbit.grading import grade_lesson
    from kodefag.microbit.lessons import lesson_dir

    lesson = options.lesson
    folder = Path(lesson) if Path(lesson).is_dir() else lesson_dir(lesson)
    if folder is None or not (folder / "scenarios.yaml").is_file():
        _fail(f"Lektionen '{lesson}' findes ikke.")
    result = grade_lesson(folder, options.main_file)
    if options.as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for cell in result["cells"]:
            mark = "OK " if cell["status"] == "passed" else "-- "
            print(f"{mark}{cell['grade_id']}: {cell['score']:g}/{cell['max_score']:g}")
        for message in result["messages"]:
            print(message)
        print(f"I alt {result['score']:g} af {result['max_score']:g} point.")
    return 0 if result["score"] == result["max_score"] else 1


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's own, told the terminal's width: asking for it itself imports shutil, which costs
    a build more than a tenth of uflash's whole run (argparse makes a formatter for every option)."""

    def __init__(self, prog: str):
        super().__init__(prog, width=_terminal_width())


def _terminal_width() -> int:
    """As argparse reckons it: the terminal's columns less two, or 78 when not in a terminal."""
    try:
        return int(os.environ.get("COLUMNS", "")) - 2
    except ValueError:
        pass
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns - 2
    except (OSError, ValueError):
        return 78


def _files(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILES")


def _build_options(parser: argparse.ArgumentParser) -> None:
    _files(parser)
    parser.add_argument("-o", "--output", type=Path, required=True, help="Hvor .hex-filen skal gemmes")
    parser.add_argument("--target", choices=["universal", "v1", "v2"], default="universal",
                        help="(standard: universal)")
    parser.add_argument("--force", action="store_true", help="Byg selvom tjekket finder fejl")


def _check_options(parser: argparse.ArgumentParser) -> None:
    _files(parser)
    parser.add_argument("--json", dest="as_json", action="store_true", help="Skriv resultatet som JSON")
    parser.add_argument("--strict", action="store_true", help="Advarsler tæller også som fejl")


def _run_options(parser: argparse.ArgumentParser) -> None:
    _files(parser)
    parser.add_argument("--seconds", type=float, default=10, help="Simuleret tid i sekunder (standard: 10)")
    parser.add_argument("--press", "--input", dest="inputs", action="append", default=[],
                        help="Input med tidspunkt i ms, fx a@1000, shake@2500, radio=hej@3000, 2:b@500")
    parser.add_argument("--boards", type=int, default=1, help="Antal micro:bits der kører programmet (standard: 1)")
    parser.add_argument("--board-file", dest="board_files", action="append", default=[], type=Path,
                        help="Et andet program til endnu en micro:bit (radio mellem boards)")
    parser.add_argument("--seed", type=int, default=0, help="Startværdi for tilfældige tal (standard: 0)")
    parser.add_argument("--json", dest="as_json", action="store_true", help="Skriv hele forløbet som JSON")


def _flash_options(parser: argparse.ArgumentParser) -> None:
    _files(parser)
    parser.add_argument("--all", dest="all_drives", action="store_true", help="Send til alle tilsluttede micro:bits")
    parser.add_argument("--drive", dest="drives", action="append", default=[], type=Path,
                        help="Drevets mappe (i stedet for at lede efter MICROBIT-drev)")


def _grade_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lesson", metavar="LESSON")
    parser.add_argument("main_file", type=Path, metavar="MAIN_FILE")
    parser.add_argument("--json", dest="as_json", action="store_true", help="Skriv resultatet som JSON")


#: command name -> (what it does, how its options are declared)
COMMANDS = {
    "build": (build, _build_options),
    "check": (check, _check_options),
    "run": (run, _run_options),
    "flash": (flash, _flash_options),
    "grade": (grade, _grade_options),
}


def _overview(prog_name: str) -> str:
    lines = [f"Brug: {prog_name} KOMMANDO [ARGUMENTER]...", "", cli.__doc__, "", "Kommandoer:"]
    lines += [f"  {name:<8}{function.__doc__}" for name, (function, _) in COMMANDS.items()]
    lines += ["", f"Skriv '{prog_name} KOMMANDO --help' for at se, hvad en kommando kan."]
    return "\n".join(lines)


def cli(args=None, prog_name: str = "kodefag microbit"):
    """micro:bit: byg .hex, tjek, kør i simulatoren, send til micro:bit."""
    args = sys.argv[1:] if args is None else list(args)
    if not args or args[0] not in COMMANDS:
        # only the command asked for gets a parser: building all five costs a build a few ms
        asked_for_help = args[:1] in (["-h"], ["--help"])
        if args and not asked_for_help:
            print(f"Kommandoen '{args[0]}' findes ikke.", file=sys.stderr)
        print(_overview(prog_name), file=sys.stdout if asked_for_help else sys.stderr)
        sys.exit(0 if asked_for_help else 2)
    function, declare_options = COMMANDS[args[0]]
    parser = argparse.ArgumentParser(prog=f"{prog_name} {args[0]}", description=function.__doc__,
                                     formatter_class=_HelpFormatter)
    declare_options(parser)
    sys.exit(function(parser.parse_args(args[1:])))
