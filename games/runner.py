"""Run a pupil's game headlessly in a sandboxed process and read back its state.

:func:`run_scenarios` is what the grader uses (many runs of one game, one
process); :func:`run_game` is one run for ``kodefag pgzero run``. Both go
through :mod:`kodefag.games.sandbox` to :mod:`kodefag.games.child`.
"""
import json
import logging
import os
from pathlib import Path

from kodefag.games import sandbox
from kodefag.games.inputs import parse_keys, parse_mouse

log = logging.getLogger(__name__)

RUN_TIMEOUT = 2.0
"""Seconds one run may take (600 frames of a normal game take ~0.05 s)."""
START_SECONDS = 5.0
"""Extra seconds for starting Python and importing pygame, on a busy machine."""

NO_RESULT = (
    "Spillet kunne ikke køres til ende, og vi ved ikke helt hvorfor. Prøv at køre det selv, "
    "og spørg din lærer, hvis det bliver ved."
)


def run_scenarios(game_file, runs, *, run_timeout=RUN_TIMEOUT):
    """Run game_file once per entry in runs (see kodefag.games.child); list of results."""
    game_file = Path(game_file).resolve()
    job = {"game": str(game_file), "run_timeout": run_timeout, "runs": runs}
    timeout = START_SECONDS + len(runs) * (run_timeout + 1.5)
    completed = sandbox.run(
        sandbox.python_command("kodefag.games.child"),
        json.dumps(job).encode(),
        timeout=timeout,
        cwd=str(game_file.parent),
    )
    try:
        results = json.loads(completed.stdout)["results"]
        if len(results) == len(runs):
            return results
    except (ValueError, KeyError, TypeError):
        pass
    log.warning(
        "game runner gave no result for %s (rc=%s, timed out=%s): %s",
        game_file, completed.returncode, completed.timed_out, completed.stderr[-2000:].decode("utf-8", "replace"),
    )
    failed = {"frames": 0, "ended": False, "error": NO_RESULT, "error_line": None, "state": None, "snapshots": {}}
    return [dict(failed) for _ in runs]


def run_game(game_file, *, frames=600, keys="", mouse="", seed=0, screenshot=None, run_timeout=None):
    """Step game_file for frames frames with the given input; its final state as a dict.

    Returns ``{"frames", "globals", "actors", "actor_lists", "ended", "error", "error_line"}``
    where actors is a list of ``{"name", "x", "y", "image", ...}``.
    """
    events = parse_keys(keys) + parse_mouse(mouse)
    run = {"frames": int(frames), "seed": int(seed), "events": events}
    if screenshot:
        run["screenshot"] = os.path.abspath(screenshot)
    if run_timeout is None:
        run_timeout = max(RUN_TIMEOUT, frames / 600 * RUN_TIMEOUT)
    result = run_scenarios(game_file, [run], run_timeout=run_timeout)[0]
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
