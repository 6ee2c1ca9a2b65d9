"""``kodefag pgzero ...``: run a Pygame Zero game headlessly, grade a project."""
import json
import sys
from pathlib import Path

import click

from kodefag.cli import refuses_without_sandbox
from kodefag.games.inputs import ScriptError


@click.group()
def cli():
    """Pygame Zero spil: kør uden vindue, ret et spilprojekt."""


@cli.command("run")
@click.argument("game", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--frames", default=600, show_default=True, help="Number of frames to step (60 per second).")
@click.option("--keys", default="", help="Key script, e.g. right@0-30,space@45 (held range, tap).")
@click.option("--mouse", multiple=True, help="Mouse script, e.g. click@100:200,50 (frame:x,y); ';' separates.")
@click.option("--seed", default=0, show_default=True, help="Seed for random.")
@click.option("--screenshot", type=click.Path(dir_okay=False, path_type=Path), help="Save the last frame as PNG.")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@refuses_without_sandbox
def run_command(game, frames, keys, mouse, seed, screenshot, as_json):
    """Step GAME frame by frame without waiting and print its state."""
    from kodefag.games.runner import run_game

    try:
        result = run_game(game, frames=frames, keys=keys, mouse=list(mouse), seed=seed, screenshot=screenshot)
    except ScriptError as error:
        raise click.UsageError(str(error))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_human(result)
    sys.exit(1 if result["error"] else 0)


def _print_human(result):
    click.echo(f"Billeder kørt: {result['frames']}" + (" (spillet lukkede sig selv)" if result["ended"] else ""))
    for name, value in result["globals"].items():
        click.echo(f"  {name} = {value!r}")
    for actor in result["actors"]:
        click.echo(f"  {actor['name']}: x={actor['x']} y={actor['y']} billede={actor['image']!r}")
    for name, actors in result["actor_lists"].items():
        click.echo(f"  {name}: {len(actors)} figurer")
    if result["error"]:
        click.echo("Fejl: " + result["error"], err=True)


@cli.command("grade")
@click.argument("project_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("game_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@refuses_without_sandbox
def grade_command(project_dir, game_file, as_json):
    """Grade GAME_FILE against the checks of the project in PROJECT_DIR."""
    from kodefag.games.grading import grade_project

    result = grade_project(project_dir, game_file)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    click.echo(f"Point: {result['score']} af {result['max_score']}")
    for cell in result["cells"]:
        click.echo(f"  {cell['status']:>7}  {cell['grade_id']}  {cell['score']}/{cell['max_score']}")
    for message in result["messages"]:
        click.echo("  - " + message)


@cli.command("window")
@click.argument("game", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--port", type=int, default=None, help="VNC port on 127.0.0.1 (default: a free one).")
@click.option("--geometry", default="1024x768", show_default=True)
def window_command(game, port, geometry):
    """Run GAME in a real window on a TigerVNC display (school tier) until Ctrl-C."""
    import signal as signals
    import time

    from kodefag.games.window import WindowSession, WindowUnavailable

    try:
        session = WindowSession(game, port=port, geometry=geometry).start()
    except WindowUnavailable as error:
        raise click.ClickException(str(error))
    signals.signal(signals.SIGTERM, lambda *_: sys.exit(0))
    click.echo(f"Spillet kører på VNC 127.0.0.1:{session.port} (skærm :{session.display}). Stop med Ctrl-C.")
    try:
        while session.game.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        session.stop()
        click.echo("Stoppet; ingen processer er tilbage.")
