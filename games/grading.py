"""Grade a pupil's Pygame Zero game against its project's checks.yaml.

checks.yaml holds the scenarios as data, so a teacher can read and extend them::

    title: Fang æblet
    checks:
      - id: kurv-til-hoejre          # grade_id in the result
        name: Kurven kan flytte til højre
        points: 1
        frames: 30                   # frames to run (60 per second)
        seed: 1                      # random.seed before the game starts
        keys: right@0-29             # see kodefag.games.inputs
        mouse: click@10:200,100
        set: {aeble.x: 200}          # assignments before the first frame
        at: {15: {aeble.y: 400}}     # assignments before frame 15
        expect:
          - that: kurv.x > start.kurv.x
            message: Kurven flyttede sig ikke, da højre-pil blev holdt nede.

Every check runs the game from the beginning in its own process; all checks of a
project share one sandboxed process that imports pygame once (started ahead of the
hand-in by an idle worker, see kodefag.games.runner.start_warm_child). The assertions are
evaluated here, outside the sandbox, on the plain data the runner returns.
"""
import functools
import logging
from pathlib import Path

import yaml

from kodefag.games import expressions
from kodefag.games.inputs import parse_keys, parse_mouse
from kodefag.games.runner import RUN_TIMEOUT, prepare_job, run_scenarios, take_child
from kodefag.sandbox import Policy

log = logging.getLogger(__name__)

MAX_GAME_BYTES = 512 * 1024
"""A pupil's game is a few KB; anything this big is a mistake (or an attack)."""


class ChecksError(ValueError):
    """checks.yaml is broken: an error for the teacher/operator, not the pupil."""


def load_checks(project_dir):
    """The project's checks with their assertions parsed (raises ChecksError).

    Parsed once per version of the file: a worker grades a whole class against
    the same checks, and reading the YAML costs more than judging the results.
    Callers must not change what they get.
    """
    path = Path(project_dir) / "checks.yaml"
    try:
        stat = path.stat()
    except OSError as error:
        raise ChecksError(f"{path}: {error}") from None
    return _parsed_checks(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _parsed_checks(path, _mtime_ns, _size):
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise ChecksError(f"{path}: {error}") from None
    checks = data.get("checks") if isinstance(data, dict) else None
    if not checks:
        raise ChecksError(f"{path}: no checks")
    seen = set()
    for check in checks:
        if check.get("id") in seen or not check.get("id"):
            raise ChecksError(f"{path}: missing or repeated id {check.get('id')!r}")
        seen.add(check["id"])
        check["_events"] = _events(check)
        check["_expect"] = []
        for expectation in check.get("expect") or []:
            try:
                tree = expressions.parse(str(expectation["that"]))
            except (KeyError, TypeError, expressions.ExpressionError) as error:
                raise ChecksError(f"{path}: check {check['id']}: {error}") from None
            check["_expect"].append((tree, expectation.get("message") or check.get("name", check["id"])))
        if not check["_expect"]:
            raise ChecksError(f"{path}: check {check['id']} expects nothing")
    return data


def project_max_score(project_dir) -> int:
    """The most points the checks can give (each check's ``points``, 1 by default).

    This is the engine's share of the activity's points; the teacher's rubric gives the rest.
    """
    return sum(int(check.get("points", 1)) for check in load_checks(project_dir)["checks"])


def _events(check):
    events = parse_keys(check.get("keys", "")) + parse_mouse(check.get("mouse", ""))
    for path, value in (check.get("set") or {}).items():
        events.append([0, "set", [path, value]])
    for frame, assignments in (check.get("at") or {}).items():
        for path, value in assignments.items():
            events.append([int(frame), "set", [path, value]])
    return events


def _run_spec(check):
    snapshots = {0}
    for tree, _ in check["_expect"]:
        snapshots |= expressions.frames_used(tree)
    return {
        "frames": int(check.get("frames", 60)),
        "seed": int(check.get("seed", 0)),
        "events": check["_events"],
        "snapshots": sorted(snapshots),
    }


def grade_project(project_dir, game_file, *, policy=Policy.GRADING):
    """Run every check of project_dir against game_file; nbgrader-like result dict.

    ``{"score", "max_score", "cells": [{"grade_id", "score", "max_score", "status"}],
    "messages": [...]}`` with one cell per check; status is "passed", "failed" or
    "error" (the game crashed). Messages are Danish, for the pupil. Policy.OWN_CODE
    is the pupil's own "Tjek" inside their server (see kodefag.sandbox).
    """
    project_dir, game_file = Path(project_dir), Path(game_file)
    checks = load_checks(project_dir)
    try:
        if game_file.stat().st_size > MAX_GAME_BYTES:
            return _nothing_to_grade(checks, (
                f"Din spilfil er over {MAX_GAME_BYTES // 1024} KB - alt for stor til et spil. "
                "Har du kopieret noget forkert ind i den?"))
        source = game_file.read_bytes()
    except OSError:
        return _nothing_to_grade(checks, "Vi kunne ikke finde din spilfil. Har du gemt den?")
    runs = [_run_spec(check) for check in checks["checks"]]
    with take_child(policy) as child:
        prepare_job(child.workdir, game_file, source, project_dir)
        results = run_scenarios(child, runs, run_timeout=float(checks.get("run_timeout", RUN_TIMEOUT)))
    return _score(checks["checks"], results)


def _score(checks, results):
    cells, messages, errors_shown = [], [], set()
    score = max_score = 0
    for check, result in zip(checks, results):
        points = check.get("points", 1)
        max_score += points
        status, problem = _judge(check, result)
        if status == "passed":
            score += points
        else:
            if status == "error" and problem in errors_shown:
                problem = "samme fejl som ovenfor."
            errors_shown.add(problem)
            messages.append(f"{check.get('name', check['id'])}: {problem}")
        cell = {"grade_id": check["id"], "score": points if status == "passed" else 0,
                "max_score": points, "status": status}
        if check.get("name"):
            cell["label"] = check["name"]  # what the pupil calls it, shown with the points
        if status != "passed":
            cell["message"] = problem
        cells.append(cell)
    if score == max_score:
        messages.insert(0, "Alle tjek bestået - godt gået!")
    return {"score": score, "max_score": max_score, "cells": cells, "messages": messages}


def _judge(check, result):
    """("passed" | "failed" | "error", Danish message or None) for one check's run."""
    if result.get("error"):
        return "error", result["error"]
    final = expressions.state_names(result.get("state"))
    names = dict(final)
    names["start"] = expressions.state_names(result["snapshots"].get("0"))
    names["frame"] = {int(k): expressions.state_names(v) for k, v in result["snapshots"].items()}
    names["ended"] = result.get("ended", False)
    names["frames"] = result.get("frames", 0)
    for tree, message in check["_expect"]:
        try:
            ok = expressions.evaluate(tree, names)
        except expressions.MissingName as missing:
            root = missing.name.split(".")[0].split("[")[0]
            if root in names:  # the name exists, but not the part the check looks at
                return "failed", message
            return "failed", (
                f"Jeg kan ikke finde '{root}' i dit spil. Har du omdøbt eller slettet den? "
                "Brug de navne, der står i opgaven."
            )
        except (TypeError, ValueError, ZeroDivisionError, expressions.ExpressionError) as error:
            log.warning("check %s could not be evaluated: %s", check["id"], error)
            return "failed", message
        if not ok:
            if result.get("ended") and result.get("frames", 0) < int(check.get("frames", 60)):
                return "failed", f"{message} (Spillet lukkede sig selv efter {result['frames']} billeder.)"
            return "failed", message
    return "passed", None


def _nothing_to_grade(checks, message):
    cells = [{"grade_id": c["id"], "score": 0, "max_score": c.get("points", 1), "status": "error"}
             for c in checks["checks"]]
    return {"score": 0, "max_score": sum(c["max_score"] for c in cells), "cells": cells, "messages": [message]}
