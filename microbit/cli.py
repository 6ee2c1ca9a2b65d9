"""`kodefag microbit ...`: build, check, run, flash micro:bit programs."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from kodefag.microbit.sources import SourceError, read_source


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
def build(files, output, target):
    """Byg en .hex-fil: den første fil bliver main.py, de andre moduler."""
    from kodefag.microbit.hexbuild import BuildError, build_hex

    try:
        contents = {_module_name(p, i == 0): read_source(p) for i, p in enumerate(files)}
        hex_text = build_hex(contents, target)
    except (SourceError, BuildError) as error:
        _fail(str(error))
    output.write_text(hex_text)
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
