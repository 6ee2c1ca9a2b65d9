"""Grading a micro:bit lesson: the pupil's program against the lesson's scenarios.

``scenarios.yaml`` is data: each scenario scripts inputs (``a@1000``,
``shake@2500``, ``2:radio=hej@500``) for one or more simulated boards and lists
checks on the trace (what the display showed and when, what was printed, what
was sent over radio). The result has the same shape as the notebook grader's:
``{"score", "max_score", "cells": [{"grade_id", "score", "max_score", "status"}],
"messages": [...]}`` - one cell for "runs on micro:bit V1/V2" and one per scenario; status is
"passed", "failed" (ran, but did not do what the scenario checks) or "error" (the program stopped
with an error, or could not be read).

Check types (``check:``), each filtered by ``board`` (1 = first), ``after``/``before`` (ms):
  no_error, keeps_running,
  display / no_display        (``kind`` scroll|show|text|frame, ``value``, ``image``, ``matches``,
                               ``not_value``, ``min_count``, ``max_count``, ``distinct_min``),
  display_sequence            (``items``: display filters that must appear in this order),
  serial / no_serial          (``matches`` per printed line, ``min_count``, ``max_count``,
                               ``number_between: [low, high]`` for the regex's first group),
  serial_sequence             (``items``: regexes matching printed lines in this order),
  radio_sent                  (``matches``, ``min_count``),
  pin / no_pin                (writes to ``pin``: ``value`` or ``value_between: [low, high]``, ``min_count``,
                               ``max_count``) - what the pupil sent to an LED or a motor on the pin,
  pin_state                   (the pin's output at the moment ``at`` (ms): ``value`` or ``value_between``;
                               0 before the first write) - "the red LED is on at 4000 ms",
  sound / no_sound            (music on ``pin`` (default any), ``kind`` play|pitch, ``min_count``) - a buzzer.
Every check may carry ``besked``: the Danish sentence shown when it fails.

``components`` (optional, e.g. ``{pin0: lysdiode, pin1: lyssensor}``) names what is connected to the
pins in the lesson; it is passed into the trace for the browser's simulator to draw.
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from kodefag.microbit.images import BUILTIN_IMAGES

CHECK_CELL = "kan-koere-paa-microbit"
#: what the pupil reads for that cell
CHECK_LABEL = "Programmet kan køre på en micro:bit"
#: wall-clock cap per scenario; lesson scenarios need a few hundredths of a second
SCENARIO_WALL_SECONDS = 2.0


class ScenarioError(ValueError):
    """A scenarios.yaml that cannot be used (a content bug; English for the operator)."""


def load_scenarios(lesson_dir: Path) -> dict:
    path = Path(lesson_dir) / "scenarios.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data.get("scenarios"), list) or not data["scenarios"]:
        raise ScenarioError(f"{path}: no scenarios")
    for scenario in data["scenarios"]:
        for key in ("id", "navn", "expect"):
            if key not in scenario:
                raise ScenarioError(f"{path}: scenario without {key!r}")
    return data


def lesson_max_score(lesson_dir: Path) -> int:
    """The most points the checks can give: 1 for "runs on micro:bit" plus every scenario's points.

    This is the engine's share of the activity's points; the teacher's rubric gives the rest.
    """
    return 1 + sum(int(scenario.get("points", 1)) for scenario in load_scenarios(lesson_dir)["scenarios"])


# ------------------------------------------------------------------ checks
def _board(trace: dict, check: dict) -> dict:
    boards = trace.get("boards") or [trace]
    index = int(check.get("board", 1)) - 1
    return boards[index] if 0 <= index < len(boards) else {}


def _in_window(ms: int, check: dict) -> bool:
    return check.get("after", float("-inf")) <= ms <= check.get("before", float("inf"))


def _display_matches(event: dict, check: dict) -> bool:
    kind = check.get("kind")
    if kind == "text" and event["kind"] not in ("scroll", "show"):
        return False
    if kind not in (None, "text") and event["kind"] != kind:
        return False
    if not _in_window(event["ms"], check):
        return False
    value = str(event["value"])
    if "value" in check and value != str(check["value"]):
        return False
    if "image" in check and value != BUILTIN_IMAGES.get(check["image"], check["image"]):
        return False
    if "not_value" in check and value == str(check["not_value"]):
        return False
    if "matches" in check and not re.search(str(check["matches"]), value):
        return False
    return True


def _counted(found: list, check: dict, default_min: int = 1) -> bool:
    if len(found) < check.get("min_count", default_min):
        return False
    if "max_count" in check and len(found) > check["max_count"]:
        return False
    if "distinct_min" in check and len(set(found)) < check["distinct_min"]:
        return False
    return True


def _serial_lines(board: dict, check: dict) -> list[tuple[int, str]]:
    return [(ms, text) for ms, text in board.get("serial_lines", []) if _in_window(ms, check)]


def _line_matches(text: str, check: dict) -> bool:
    match = re.search(str(check.get("matches", "")), text)
    if not match:
        return False
    if "number_between" in check:
        low, high = check["number_between"]
        try:
            number = float(match.group(1) if match.groups() else match.group(0))
        except (TypeError, ValueError):
            return False
        return low <= number <= high
    return True


def _subsequence(values: list, predicates: list) -> bool:
    position = 0
    for value in values:
        if position < len(predicates) and predicates[position](value):
            position += 1
    return position == len(predicates)


def _value_ok(value, check: dict) -> bool:
    if "value" in check and value != check["value"]:
        return False
    if "value_between" in check:
        low, high = check["value_between"]
        return low <= value <= high
    return True


def _pin_writes(board: dict, check: dict) -> list[int]:
    return [value for ms, name, value in board.get("pins", [])
            if name == check["pin"] and _in_window(ms, check) and _value_ok(value, check)]


def _pin_state(board: dict, check: dict) -> int:
    """The value last written to the pin at or before ``at`` (0 if none yet)."""
    state = 0
    for ms, name, value in board.get("pins", []):
        if ms > check["at"]:
            break
        if name == check["pin"]:
            state = value
    return state


def _sounds(board: dict, check: dict) -> list:
    found = []
    for sound in board.get("sounds", []):
        ms, kind = sound[0], sound[1]
        pin = sound[3] if len(sound) > 3 else None
        if kind not in ("play", "pitch") or not _in_window(ms, check):
            continue
        if "kind" in check and kind != check["kind"]:
            continue
        if "pin" in check and pin != check["pin"]:
            continue
        found.append(ms)
    return found


def evaluate(check: dict, trace: dict) -> bool:
    """True when ``check`` holds for the simulator ``trace``."""
    kind = check.get("check")
    board = _board(trace, check)
    if kind == "no_error":
        return not trace.get("error") and not any(b.get("error") for b in trace.get("boards", []))
    if kind == "keeps_running":
        return not board.get("finished") and not board.get("error") and board.get("ms", 0) >= trace.get("seconds", 0) * 1000
    events = board.get("display_events", [])
    if kind in ("display", "no_display"):
        found = [str(e["value"]) for e in events if _display_matches(e, check)]
        return _counted(found, check) if kind == "display" else not found
    if kind == "display_sequence":
        predicates = [lambda e, item=item: _display_matches(e, {**check, **item}) for item in check["items"]]
        return _subsequence(events, predicates)
    lines = _serial_lines(board, check)
    if kind in ("serial", "no_serial"):
        found = [text for _, text in lines if _line_matches(text, check)]
        return _counted(found, check) if kind == "serial" else not found
    if kind == "serial_sequence":
        predicates = [lambda t, rx=rx: re.search(str(rx), t) is not None for rx in check["items"]]
        return _subsequence([text for _, text in lines], predicates)
    if kind in ("pin", "no_pin"):
        found = _pin_writes(board, check)
        return _counted(found, check) if kind == "pin" else not found
    if kind == "pin_state":
        return _value_ok(_pin_state(board, check), check)
    if kind in ("sound", "no_sound"):
        found = _sounds(board, check)
        return _counted(found, check) if kind == "sound" else not found
    if kind == "radio_sent":
        sent = [str(text) for ms, text in board.get("radio_sent", []) if _in_window(ms, check)
                and re.search(str(check.get("matches", "")), str(text))]
        return _counted(sent, check)
    raise ScenarioError(f"unknown check type {kind!r}")


def _failure_message(check: dict) -> str:
    if check.get("besked"):
        return str(check["besked"])
    return {
        "no_error": "Programmet stoppede med en fejl.",
        "keeps_running": "Programmet skal blive ved med at køre (en løkke med while True).",
    }.get(check.get("check"), "Programmet gjorde ikke det, opgaven beder om.")


# ----------------------------------------------------------------- grading
def _result(cells: list, messages: list) -> dict:
    return {"score": sum(c["score"] for c in cells), "max_score": sum(c["max_score"] for c in cells),
            "cells": cells, "messages": messages}


def _all_failed(data: dict, message: str) -> dict:
    cells = [{"grade_id": CHECK_CELL, "label": CHECK_LABEL, "score": 0, "max_score": 1, "status": "error"}]
    cells += [{"grade_id": s["id"], "label": s["navn"], "score": 0, "max_score": s.get("points", 1), "status": "error"}
              for s in data["scenarios"]]
    return _result(cells, [message])


def _check_cell(files: dict) -> tuple[dict, list[str]]:
    """One point for a program that compiles for V1 and builds into a Universal Hex."""
    from kodefag.microbit.check import ERROR, check_files
    from kodefag.microbit.hexbuild import BuildError, build_hex

    errors = [str(p) for p in check_files(files) if p.severity == ERROR]
    if not errors:
        try:
            build_hex(files)
        except BuildError as error:
            errors.append(str(error))
    ok = not errors
    cell = {"grade_id": CHECK_CELL, "label": CHECK_LABEL, "score": 1 if ok else 0, "max_score": 1,
            "status": "passed" if ok else "failed"}
    return cell, errors


def run_scenario(scenario: dict, files: dict, defaults: dict) -> dict:
    """Simulate one scenario and return the trace."""
    from kodefag.microbit.simulator import simulate_boards

    boards = int(scenario.get("boards", defaults.get("boards", 1)))
    return simulate_boards([files] * boards, seconds=float(scenario.get("seconds", defaults.get("seconds", 10))),
                           inputs=scenario.get("inputs", []), seed=int(scenario.get("seed", 0)),
                           wall_seconds=SCENARIO_WALL_SECONDS, components=defaults.get("components"))


def grade_lesson(lesson_dir: Path, main_file: Path, modules=()) -> dict:
    """Grade a pupil's ``main_file`` (with the pupil's ``modules``, other .py files) against the lesson."""
    from kodefag.microbit.sources import SourceError, read_source

    lesson_dir, main_file = Path(lesson_dir), Path(main_file)
    data = load_scenarios(lesson_dir)
    try:
        files = {"main.py": read_source(main_file), **{Path(m).name: read_source(Path(m)) for m in modules}}
    except SourceError as error:
        return _all_failed(data, str(error))
    check_cell, errors = _check_cell(files)
    cells, messages = [check_cell], list(errors)
    for scenario in data["scenarios"]:
        points = scenario.get("points", 1)
        trace = run_scenario(scenario, files, data)
        failed = [check for check in scenario["expect"] if not evaluate(check, trace)]
        crashed = trace.get("error") or next((b["error"] for b in trace.get("boards", []) if b.get("error")), None)
        status = "passed" if not failed else "error" if crashed else "failed"
        cells.append({"grade_id": scenario["id"], "label": scenario["navn"], "score": 0 if failed else points,
                      "max_score": points, "status": status})
        if failed:
            messages.append(f"{scenario['navn']}: {crashed or _failure_message(failed[0])}")
    if all(cell["status"] == "passed" for cell in cells):
        messages.insert(0, "Alle tjek bestået - godt gået!")
    return _result(cells, messages)
