"""`kodefag microbit ...`: build, check, run, flash micro:bit programs."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kodefag.cli import refuses_without_sandbox
from kodefag.microbit.sources import SourceError, danish_os_error, read_source


def _fail(message: str, code: int = 1):
    click.echo(message, err=True)
    sys.exit(code)


def _module_name(path: Path, first: bool) -> str:
    """main.py for the first file, the file's own name for modules."""
    return "main.py" if first else path.name


@click.group()
def cli():
    """micro:bit: byg .hex, tjek, kør i simulatoren, send til micro:bit."""


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Hvor .hex-filen skal gemmes")
@click.option("--target", type=click.Choice(["universal", "v1", "v2"]), default="universal", show_default=True)
@click.option("--force", is_flag=True, help="Byg selvom tjekket finder fejl")
def build(files, output, target, force):
    """Byg en .hex-fil: den første fil bliver main.py, de andre moduler."""
    from kodefag.microbit.check import check_files, has_errors, report
    from kodefag.microbit.hexbuild import BuildError, build_hex

    try:
        contents = {_module_name(p, i == 0): read_source(p) for i, p in enumerate(files)}
    except SourceError as error:
        _fail(str(error))
    problems = check_files(contents, target)
    if problems:
        click.echo(report(problems), err=True)
    if has_errors(problems) and not force:
        _fail("Ret fejlene først (eller byg alligevel med --force).")
    try:
        hex_text = build_hex(contents, target)
    except BuildError as error:
        _fail(str(error))
    try:
        output.write_text(hex_text)
    except OSError as error:
        _fail(f"Kunne ikke gemme {output}: {danish_os_error(error)}.")
    click.echo(f"Gemt {output} ({target}, {len(contents)} fil(er)).")


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON")
@click.option("--strict", is_flag=True, help="Advarsler tæller også som fejl")
def check(files, as_json, strict):
    """Tjek et micro:bit-program: syntaks (også V1), API-navne, størrelse og typiske fejl."""
    import json

    from kodefag.microbit.check import ERROR, Problem, as_dicts, check_files, report

    contents, problems = {}, []
    for path in files:
        name = path.name
        try:
            contents[name] = read_source(path)
        except SourceError as error:
            problems.append(Problem(1, ERROR, str(error), name))
    if not problems:
        problems = check_files(contents)
    failed = any(p.severity == ERROR or strict for p in problems)
    if as_json:
        click.echo(json.dumps({"ok": not failed, "problems": as_dicts(problems)}, ensure_ascii=False, indent=2))
    else:
        click.echo(report(problems))
    sys.exit(1 if failed else 0)


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


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--seconds", type=float, default=10, show_default=True, help="Simuleret tid i sekunder")
@click.option("--press", "--input", "inputs", multiple=True,
              help="Input med tidspunkt i ms, fx a@1000, shake@2500, radio=hej@3000, 2:b@500")
@click.option("--boards", type=int, default=1, show_default=True, help="Antal micro:bits der kører programmet")
@click.option("--board-file", "board_files", multiple=True, type=click.Path(path_type=Path),
              help="Et andet program til endnu en micro:bit (radio mellem boards)")
@click.option("--seed", type=int, default=0, show_default=True, help="Startværdi for tilfældige tal")
@click.option("--json", "as_json", is_flag=True, help="Skriv hele forløbet som JSON")
@refuses_without_sandbox
def run(files, seconds, inputs, boards, board_files, seed, as_json):
    """Kør et micro:bit-program i simulatoren (virtuel tid)."""
    import json

    from kodefag.microbit.simulator import InputError, simulate_boards

    try:
        program = {_module_name(p, i == 0): read_source(p) for i, p in enumerate(files)}
        others = [{"main.py": read_source(p)} for p in board_files]
    except SourceError as error:
        _fail(str(error))
    if not 1 <= boards <= 8:
        _fail("Vælg mellem 1 og 8 micro:bits.")
    if not 0 < seconds <= 600:
        _fail("Vælg en simuleret tid mellem 0 og 600 sekunder.")
    try:
        result = simulate_boards([program] * boards + others, seconds=seconds, inputs=_split_inputs(inputs), seed=seed)
    except InputError as error:
        _fail(str(error))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(_describe_run(result))
    sys.exit(1 if result.get("error") else 0)


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


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--all", "all_drives", is_flag=True, help="Send til alle tilsluttede micro:bits")
@click.option("--drive", "drives", multiple=True, type=click.Path(path_type=Path),
              help="Drevets mappe (i stedet for at lede efter MICROBIT-drev)")
def flash(files, all_drives, drives):
    """Send programmet til micro:bit (kopierer .hex til MICROBIT-drevet)."""
    from kodefag.microbit import flash as flashing
    from kodefag.microbit.check import check_files, has_errors, report
    from kodefag.microbit.hexbuild import BuildError, build_hex

    try:
        contents = {_module_name(p, i == 0): read_source(p) for i, p in enumerate(files)}
    except SourceError as error:
        _fail(str(error))
    problems = check_files(contents)
    if has_errors(problems):
        _fail(report(problems) + "\nRet fejlene, før programmet sendes.")
    try:
        hex_text = build_hex(contents)
    except BuildError as error:
        _fail(str(error))
    found = flashing.find_drives(list(drives) if drives else None, all_drives=all_drives or len(drives) > 1)
    if not found:
        _fail(flashing.NO_DRIVE_MESSAGE)
    results = flashing.flash_all(hex_text, found)
    for result in results:
        click.echo(result.message)
    ok = sum(r.ok for r in results)
    click.echo(f"Sendt til {ok} af {len(results)} micro:bit(s).")
    sys.exit(0 if ok == len(results) else 1)


@cli.command()
@click.argument("lesson")
@click.argument("main_file", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON")
@refuses_without_sandbox
def grade(lesson, main_file, as_json):
    """Bedøm et program mod en lektions scenarier (LESSON er fx mb-terning eller en mappe)."""
    import json

    from kodefag.microbit.grading import grade_lesson
    from kodefag.microbit.lessons import lesson_dir

    folder = Path(lesson) if Path(lesson).is_dir() else lesson_dir(lesson)
    if folder is None or not (folder / "scenarios.yaml").is_file():
        _fail(f"Lektionen '{lesson}' findes ikke.")
    result = grade_lesson(folder, main_file)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        for cell in result["cells"]:
            mark = "OK " if cell["status"] == "passed" else "-- "
            click.echo(f"{mark}{cell['grade_id']}: {cell['score']:g}/{cell['max_score']:g}")
        for message in result["messages"]:
            click.echo(message)
        click.echo(f"I alt {result['score']:g} af {result['max_score']:g} point.")
    sys.exit(0 if result["score"] == result["max_score"] else 1)
