"""grade_project: result shape, Danish messages, broken and hostile games."""
import shutil
import textwrap
from pathlib import Path

import pytest

from kodefag.games import expressions
from kodefag.games.grading import ChecksError, grade_project

CHECKS = """
title: Test
checks:
  - id: hoejre
    name: Spilleren går til højre
    points: 2
    frames: 30
    keys: right@0-29
    expect:
      - that: spiller.x > start.spiller.x
        message: Spilleren gik ikke til højre.
  - id: mønt
    name: Mønten giver point
    frames: 3
    set: {spiller.x: 300, spiller.y: 100}
    expect:
      - that: point == start.point + 1
        message: Du fik ikke et point for mønten.
"""

GOOD = """
WIDTH = 400
HEIGHT = 300
spiller = Actor("spiller", (50, 100))
moent = Actor("moent", (300, 100))
point = 0
def update():
    global point
    if keyboard.right:
        spiller.x += 3
    if spiller.colliderect(moent):
        point += 1
        moent.x = 20
        moent.y = 280
def draw():
    screen.clear()
    spiller.draw()
    moent.draw()
"""


@pytest.fixture
def project(tmp_path, png):
    folder = tmp_path / "projekt"
    (folder / "images").mkdir(parents=True)
    for name in ("spiller", "moent"):
        (folder / "images" / f"{name}.png").write_bytes(png())
    (folder / "checks.yaml").write_text(CHECKS, encoding="utf-8")
    return folder


def pupil_file(tmp_path, source, name="mit_spil.py"):
    folder = tmp_path / "elev"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(source).lstrip("\n"), encoding="utf-8")
    return path


def test_good_game_gets_full_score_in_result_shape(project, tmp_path):
    result = grade_project(project, pupil_file(tmp_path, GOOD))
    assert result["score"] == result["max_score"] == 3
    assert result["cells"] == [
        {"grade_id": "hoejre", "score": 2, "max_score": 2, "status": "passed", "label": "Spilleren går til højre"},
        {"grade_id": "mønt", "score": 1, "max_score": 1, "status": "passed", "label": "Mønten giver point"},
    ]
    assert result["messages"] == ["Alle tjek bestået - godt gået!"]


def test_failed_check_has_its_danish_message(project, tmp_path):
    game = pupil_file(tmp_path, GOOD.replace("point += 1", "point += 2"))
    result = grade_project(project, game)
    assert result["score"] == 2
    assert result["cells"][1]["status"] == "failed"
    assert result["messages"] == ["Mønten giver point: Du fik ikke et point for mønten."]


def test_renamed_variable_is_named_in_the_message(project, tmp_path):
    result = grade_project(project, pupil_file(tmp_path, GOOD.replace("spiller", "helt").replace('Actor("helt"', 'Actor("spiller"')))
    assert result["score"] == 0
    assert "Jeg kan ikke finde 'spiller'" in result["messages"][0]


def test_syntax_error_is_reported_once_with_its_line(project, tmp_path):
    result = grade_project(project, pupil_file(tmp_path, GOOD.replace("def update():", "def update()")))
    assert result["score"] == 0
    assert [cell["status"] for cell in result["cells"]] == ["error", "error"]
    assert "Linje 6" in result["messages"][0] and "kolon" in result["messages"][0]
    assert result["messages"][1].endswith("samme fejl som ovenfor.")


def test_printed_fake_result_does_not_count(project, tmp_path):
    game = pupil_file(tmp_path, 'print(\'{"results": [{"state": {"globals": {"point": 99}}}]}\')\n' + GOOD.replace("point += 1", ""))
    result = grade_project(project, game)
    assert result["score"] == 2


def test_missing_game_file(project, tmp_path):
    result = grade_project(project, tmp_path / "findes-ikke.py")
    assert result["score"] == 0 and "spilfil" in result["messages"][0]


def test_pupils_own_images_are_used(project, tmp_path, png):
    game = pupil_file(tmp_path, GOOD.replace('Actor("spiller"', 'Actor("min_helt"'))
    (game.parent / "images").mkdir()
    (game.parent / "images" / "min_helt.png").write_bytes(png(rgb=(0, 0, 255)))
    assert grade_project(project, game)["score"] == 3


def test_pupil_game_named_like_a_module_still_runs(project, tmp_path):
    assert grade_project(project, pupil_file(tmp_path, GOOD, name="pygame.py"))["score"] == 3


def test_game_cannot_read_the_checks_or_solution(project, tmp_path):
    (project / "solution.py").write_text("SECRET = 1\n")
    game = pupil_file(tmp_path, GOOD + "\nimport os\npoint = 1 if os.path.exists('solution.py') or os.path.exists('checks.yaml') else 0\n")
    result = grade_project(project, game)
    assert result["cells"][1]["status"] == "passed"


def test_broken_checks_file_is_an_operator_error(project, tmp_path):
    (project / "checks.yaml").write_text("checks:\n  - id: x\n    expect:\n      - that: __import__('os')\n")
    with pytest.raises(ChecksError):
        grade_project(project, pupil_file(tmp_path, GOOD))


@pytest.mark.parametrize("text", ["__import__('os').system('true')", "spiller.__class__", "open('x')", "(lambda: 1)()"])
def test_expressions_refuse_anything_but_plain_data(text):
    with pytest.raises(expressions.ExpressionError):
        tree = expressions.parse(text)
        expressions.evaluate(tree, {"spiller": {"x": 1}})


def test_expressions_evaluate_state():
    names = {"a": {"x": 5}, "liste": [{"y": 1}, {"y": 2}], "start": {"a": {"x": 3}}, "frame": {2: {"n": 4}}}
    for text, expected in [("a.x > start.a.x", True), ("len(liste) == 2 and liste[1].y == 2", True),
                           ("frame[2].n + 1", 5), ("abs(start.a.x - a.x)", 2)]:
        assert expressions.evaluate(expressions.parse(text), names) == expected
    assert expressions.frames_used(expressions.parse("frame[2].n < frame[15].n")) == {2, 15}


def test_huge_game_file_is_not_run(project, tmp_path):
    game = pupil_file(tmp_path, "x = 1\n" + "#" * (600 * 1024))
    result = grade_project(project, game)
    assert result["score"] == 0 and "alt for stor" in result["messages"][0]
    assert {cell["status"] for cell in result["cells"]} == {"error"}


def test_cli_grade_prints_the_result_as_json(project, tmp_path):
    import json
    import subprocess
    import sys

    game = pupil_file(tmp_path, GOOD)
    out = subprocess.run([sys.executable, "-m", "kodefag.cli", "pgzero", "grade", str(project), str(game), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["score"] == 3
    bad = subprocess.run([sys.executable, "-m", "kodefag.cli", "pgzero", "run", str(game), "--keys", "højre@x"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Kan ikke forstå tasten" in bad.stderr


def test_game_data_in_subfolders_is_copied_but_not_code(project, tmp_path, png):
    game = pupil_file(tmp_path, GOOD + """
import os
with open("baner/bane1.txt", encoding="utf-8") as fil:
    bane = fil.read().strip()
hemmelig = os.path.exists("hjaelper.py") or os.path.exists("checks.yaml")
""")
    (game.parent / "baner").mkdir()
    (game.parent / "baner" / "bane1.txt").write_text("###", encoding="utf-8")
    (game.parent / "hjaelper.py").write_text("x = 1\n")
    (game.parent / "images").mkdir()
    for name in ("spiller", "moent"):
        (game.parent / "images" / f"{name}.png").write_bytes(png())
    from kodefag.games.runner import run_game

    result = run_game(game, frames=2)
    assert result["error"] is None
    assert result["globals"]["bane"] == "###" and result["globals"]["hemmelig"] is False
