"""Run a pupil's game headlessly in a sandboxed process and read back its state.

:func:`run_scenarios` is what the grader uses (many runs of one game, one
process); :func:`run_game` is one run for ``kodefag pgzero run``. Both go
through the one sandbox interface (:mod:`kodefag.sandbox`) to :mod:`kodefag.games.child`,
started ahead by an idle worker (:func:`start_warm_child`) or when the job comes.
"""
import atexit
import base64
import json
import logging
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from kodefag.games.inputs import parse_keys, parse_mouse
from kodefag.sandbox import Limits, Policy, Prestarted, sandbox_available

GAMES_DIR = Path(__file__).resolve().parent
"""kodefag.games itself, bound read-only into the sandbox (the child imports it)."""
PROJECTS_DIR = GAMES_DIR / "projects"
"""The game projects of the curriculum (starter, solution, checks, images, sounds)."""
LIMITS = Limits(memory_bytes=1024 * 2**20, max_file_bytes=16 * 2**20)
"""pygame + numpy map ~220 MB of address space; a game gets the rest of 1 GiB."""
CHILD_LIMITS = LIMITS.with_cpu_for(60)
"""A child's limits are set before its job (how many runs, how long) is known. Each run
is a process of its own, ended by its own timer and the job's wall-clock limit long before
60 s of CPU: that limit only stops a process that escapes both."""
CHILD_ENV = {"PYGAME_HIDE_SUPPORT_PROMPT": "1", "PYTHONIOENCODING": "utf-8"}
OUTPUT_BYTES = 4 * 2**20

log = logging.getLogger(__name__)

RUN_TIMEOUT = 2.0
"""Seconds one run may take (600 frames of a normal game take ~0.05 s)."""
START_SECONDS = 5.0
"""Extra seconds for starting Python and importing pygame, on a busy machine."""

NO_RESULT = (
    "Spillet kunne ikke køres til ende, og vi ved ikke helt hvorfor. Prøv at køre det selv, "
    "og spørg din lærer, hvis det bliver ved."
)


ASSET_SUFFIXES = {
    ".png", ".jpg", ".jpeg", ".gif", ".bmp",  # images/
    ".wav", ".ogg", ".oga", ".mp3",  # sounds/, music/
    ".ttf", ".otf",  # fonts/
    ".txt", ".csv", ".tsv", ".json", ".dat", ".yaml", ".yml",  # the game's own data files
}
"""What a game may load besides its code; never .py files, checks or solutions."""
SKIPPED_NAMES = {"checks.yaml", "__pycache__", "node_modules"}
MAX_FOLDER_BYTES = 20 * 2**20
MAX_FILES = 500
MAX_DEPTH = 3
GAME_NAME = "spil.py"


def prepare_job(folder, game_file, source=None, project_dir=None):
    """Fill a job folder: the project's assets and data files, then the game's own, then the game.

    Copies images, sounds, fonts and data files (see ASSET_SUFFIXES) from the
    project folder and from the game's folder, keeping their sub-folders (images/,
    data/level1.txt, ...), at most MAX_FOLDER_BYTES and MAX_FILES from each.
    Returns the path of the game inside the folder (always spil.py).
    """
    folder = Path(folder)
    sources = [Path(project_dir).resolve()] if project_dir else []
    game_dir = Path(game_file).resolve().parent
    if game_dir not in sources:
        sources.append(game_dir)
    for source_dir in sources:
        budget, files = MAX_FOLDER_BYTES, 0
        for path in _asset_files(source_dir):
            size = path.stat().st_size
            if size > budget or files >= MAX_FILES:
                continue
            budget, files = budget - size, files + 1
            target = folder / path.relative_to(source_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
    game = folder / GAME_NAME
    game.write_bytes(source if source is not None else Path(game_file).read_bytes())
    return game


def _asset_files(root, depth=0):
    """Asset and data files under root (no symlinks, hidden files or skipped names)."""
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in SKIPPED_NAMES or entry.is_symlink():
            continue
        if entry.is_dir() and depth < MAX_DEPTH:
            yield from _asset_files(entry, depth + 1)
        elif entry.is_file() and entry.suffix.lower() in ASSET_SUFFIXES:
            yield entry


def python_command(module):
    """argv running module; -P keeps the game's folder (cwd) off sys.path, so a
    pupil's file called json.py or pygame.py cannot replace a real module."""
    return [sys.executable, "-P", "-X", "utf8", "-m", module]


def start_child(policy):
    """A game child (kodefag.games.child) under ``policy``: it imports pygame, then waits for its job."""
    return Prestarted(python_command("kodefag.games.child"), policy=policy, limits=CHILD_LIMITS, env=CHILD_ENV,
                      ro_binds=(GAMES_DIR,))


#: the game child started ahead in this worker process (at most one; each serves one pupil's game)
_warm: list[Prestarted] = []


def start_warm_child():
    """Start the next game's sandboxed child now, while this worker has nothing to do.

    Starting bubblewrap, Python and pygame is most of a game grading's time; a worker that
    would otherwise wait pays it ahead, so the next pupil's result does not wait for it.
    The child is fresh - no pupil code has run in it - and serves exactly one game: it is
    never reused across pupils (see kodefag.sandbox.Prestarted). Returns the child, or
    None (without a sandbox the next job is refused anyway, and says why).
    """
    if _warm:
        return _warm[0]
    if not sandbox_available():
        return None
    try:
        _warm.append(start_child(Policy.GRADING))
    except Exception:  # the next job starts its own child, as without a warm one
        log.warning("could not start a warm game child", exc_info=True)
        return None
    return _warm[0]


def stop_warm_child():
    """End the warm child, if any (a worker shutting down, a benchmark done)."""
    while _warm:
        _warm.pop().close()


atexit.register(stop_warm_child)  # its uid and folder are released while the sandbox module still works


def take_child(policy):
    """The child for one job: under GRADING the warm one if it still waits, else one started now.

    Use it as ``with take_child(policy) as child:``: leaving the block ends it and deletes its folder.
    """
    while policy is Policy.GRADING and _warm:
        warm = _warm.pop()
        if warm.alive():
            return warm
        warm.close()  # it died while it waited
    return start_child(policy)


def run_scenarios(child, runs, *, run_timeout=RUN_TIMEOUT):
    """Run the game prepared in child's folder (:func:`prepare_job`) once per entry in runs; list of results.

    See kodefag.games.child for the run and result format. ``child`` comes from
    :func:`take_child` and serves this one job.
    """
    game = child.workdir / GAME_NAME
    job = {"game": str(game), "run_timeout": run_timeout, "runs": runs}
    timeout = START_SECONDS + len(runs) * (run_timeout + 1.5)
    completed = child.run(json.dumps(job).encode(), wall_seconds=timeout, max_output_bytes=OUTPUT_BYTES)
    try:
        results = json.loads(completed.stdout)["results"]
        if len(results) == len(runs):
            return results
    except (ValueError, KeyError, TypeError):
        pass
    log.warning(
        "game runner gave no result for %s (rc=%s, timed out=%s): %s",
        game, completed.returncode, completed.timed_out, completed.stderr[-2000:].decode("utf-8", "replace"),
    )
    failed = {"frames": 0, "ended": False, "error": NO_RESULT, "error_line": None, "state": None, "snapshots": {}}
    return [dict(failed) for _ in runs]


def run_game(game_file, *, frames=600, keys="", mouse="", seed=0, screenshot=None, run_timeout=None,
             policy=Policy.GRADING, project_dir=None):
    """Step game_file for frames frames with the given input; its final state as a dict.

    Returns ``{"frames", "globals", "actors", "actor_lists", "ended", "error", "error_line"}``
    where actors is a list of ``{"name", "x", "y", "image", ...}``.
    """
    events = parse_keys(keys) + parse_mouse(mouse)
    run = {"frames": int(frames), "seed": int(seed), "events": events}
    if run_timeout is None:
        run_timeout = max(RUN_TIMEOUT, frames / 600 * RUN_TIMEOUT)
    with take_child(policy) as child:
        prepare_job(child.workdir, game_file, project_dir=project_dir)
        if screenshot:
            run["screenshot"] = str(child.workdir / "skaermbillede.png")
        result = run_scenarios(child, [run], run_timeout=run_timeout)[0]
        if screenshot:
            _copy_screenshot(Path(run["screenshot"]), Path(screenshot))
    state = result.get("state") or {}
    return {
        "frames": result["frames"],
        "globals": state.get("globals", {}),
        "actors": state.get("actors", []),
        "actor_lists": state.get("actor_lists", {}),
        "ended": result["ended"],
        "error": result["error"],
        "error_line": result["error_line"],
    }


def _copy_screenshot(made, target):
    """Copy the game's screenshot out of its folder, never through a link the game left there."""
    try:
        source = os.open(made, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return  # none made (the game crashed first), or a link
    with os.fdopen(source, "rb") as picture:
        if stat.S_ISREG(os.fstat(picture.fileno()).st_mode):
            target.write_bytes(picture.read())  # at most the child's file size limit


MAX_REQUEST_FRAMES = 60 * 60
#: files of a project a page may ask to run
PROGRAMS = ("starter.py", "solution.py")


def run_request(request: dict) -> dict:
    """A game run asked for by a page (queued as a ``pgzero-run`` job; never in the web process).

    ``{"project": "spil-fang-aeblet", "program": "solution.py"}`` runs a file of a
    project; ``{"project": ..., "source": "..."}`` runs posted code with that
    project's images and sounds. Optional ``frames``, ``keys``, ``seed``,
    ``screenshot`` (the last frame as a base64 PNG). Answers run_game's dict, or
    ``{"error"}`` in Danish.
    """
    project = PROJECTS_DIR / str(request.get("project", ""))
    if not project.is_dir() or project.parent != PROJECTS_DIR:
        return {"error": "Spilprojektet findes ikke."}
    try:
        frames = min(max(int(request.get("frames", 600)), 1), MAX_REQUEST_FRAMES)
        seed = int(request.get("seed", 0))
        keys = str(request.get("keys", ""))
    except (TypeError, ValueError):
        return {"error": "Ugyldige indstillinger."}
    with tempfile.TemporaryDirectory(prefix="kodefag-game-run-") as folder:
        if isinstance(request.get("source"), str):
            game_file = Path(folder) / GAME_NAME
            game_file.write_text(request["source"], encoding="utf-8")
        elif request.get("program") in PROGRAMS:
            game_file = project / request["program"]
        else:
            return {"error": "Der er intet spil at køre."}
        screenshot = Path(folder) / "billede.png" if request.get("screenshot") else None
        try:
            result = run_game(game_file, frames=frames, keys=keys, seed=seed, screenshot=screenshot,
                              project_dir=project)
        except ValueError as error:  # a key script the parser rejects (Danish message)
            return {"error": str(error)}
        if screenshot is not None and screenshot.is_file():
            result["screenshot"] = base64.b64encode(screenshot.read_bytes()).decode("ascii")
    return result
