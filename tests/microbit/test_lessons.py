"""The micro:bit lessons: solutions pass every scenario, starters do not, all run on V1 and build."""
from pathlib import Path

import pytest

from kodefag.microbit.check import compiles_for_v1
from kodefag.microbit.grading import CHECK_CELL, grade_lesson, load_scenarios
from kodefag.microbit.hexbuild import build_hex
from kodefag.microbit.runtimes import read_files
from kodefag.microbit.lessons import LESSONS_DIR, list_lessons

LESSON_IDS = {"mb-navneskilt": 3, "mb-humoerknapper": 3, "mb-hjerteslag": 3, "mb-terning": 4, "mb-kompas": 4,
              "mb-skridttaeller": 5, "mb-min-opfindelse": 5,
              "mb-reaktionsspil": 6, "mb-radiobeskeder": 7, "mb-tyverialarm": 7, "mb-termometer": 8,
              "mb-afstemning": 9, "mb-trafiklys": 6, "mb-nattelys": 7, "mb-plantevogter": 8}


def test_the_curriculum_lessons_exist_with_their_files():
    assert {lesson["id"]: lesson["grade"] for lesson in list_lessons()} == LESSON_IDS
    for lesson_id in LESSON_IDS:
        folder = LESSONS_DIR / lesson_id
        for name in ("starter.py", "solution.py", "scenarios.yaml", "README.md"):
            assert (folder / name).is_file(), f"{lesson_id}/{name}"
        readme = (folder / "README.md").read_text()
        assert readme.startswith("# ") and ("Det skal du gøre" in readme)
        assert load_scenarios(folder)["id"] == lesson_id


@pytest.mark.parametrize("lesson_id", sorted(LESSON_IDS))
def test_solution_passes_and_starter_does_not(lesson_id):
    folder = LESSONS_DIR / lesson_id
    solution = grade_lesson(folder, folder / "solution.py")
    assert solution["score"] == solution["max_score"], solution["messages"]
    assert all(cell["status"] == "passed" for cell in solution["cells"])
    assert solution["messages"] == ["Alle tjek bestået - godt gået!"]
    starter = grade_lesson(folder, folder / "starter.py")
    assert starter["score"] < starter["max_score"]
    assert starter["messages"] and all(isinstance(m, str) for m in starter["messages"])
    assert {c["grade_id"] for c in starter["cells"]} == {c["grade_id"] for c in solution["cells"]}


@pytest.mark.parametrize("lesson_id", sorted(LESSON_IDS))
def test_lesson_code_compiles_for_v1_and_builds(lesson_id):
    for name in ("starter.py", "solution.py"):
        source = (LESSONS_DIR / lesson_id / name).read_text()
        assert compiles_for_v1(source), name
        hex_text = build_hex({"main.py": source})
    files = read_files(hex_text)  # the solution, read back from both halves
    assert files[1]["main.py"] == files[2]["main.py"] == source.encode()


def test_bad_submissions_get_danish_messages_and_zero(tmp_path):
    folder = LESSONS_DIR / "mb-terning"
    junk = tmp_path / "main.py"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)))
    result = grade_lesson(folder, junk)
    assert result["score"] == 0 and "binære data" in result["messages"][0]
    assert {cell["status"] for cell in result["cells"]} == {"error"}
    assert len(result["cells"]) == 1 + len(load_scenarios(folder)["scenarios"])
    fstring = tmp_path / "fstring.py"
    fstring.write_text((folder / "solution.py").read_text().replace("display.show(tal)", "display.show(f'{tal}')"))
    result = grade_lesson(folder, fstring)
    check_cell = next(c for c in result["cells"] if c["grade_id"] == CHECK_CELL)
    assert check_cell["status"] == "failed" and any("f-strenge" in m for m in result["messages"])
    wrong = tmp_path / "wrong.py"
    wrong.write_text((folder / "solution.py").read_text().replace("randint(1, 6)", "randint(0, 9)"))
    assert grade_lesson(folder, wrong)["score"] < result["max_score"]
    busy = tmp_path / "busy.py"
    busy.write_text("from microbit import *\nwhile True:\n    x = 1\n")
    result = grade_lesson(folder, busy)
    assert result["score"] <= 1 and any("sleep" in m for m in result["messages"])
    assert any(cell["status"] == "error" for cell in result["cells"])


def test_grade_cli(tmp_path):
    import json
    import subprocess
    import sys

    kodefag = str(Path(sys.executable).with_name("kodefag"))
    solution = LESSONS_DIR / "mb-navneskilt" / "solution.py"
    result = subprocess.run([kodefag, "microbit", "grade", "mb-navneskilt", str(solution), "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["score"] == 5
    result = subprocess.run([kodefag, "microbit", "grade", "../../etc", str(solution)], capture_output=True, text=True)
    assert result.returncode == 1 and "findes ikke" in result.stderr
