"""Bad curriculum input fails validation with messages naming file, activity and problem."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from kodefag.curriculum import validate as validation
from kodefag.curriculum.cli import cli

GRADE0 = "curriculum/grades/grade-0.yaml"
GRADE1 = "curriculum/grades/grade-1.yaml"


def run_validate(root, *extra):
    result = CliRunner().invoke(cli, ["validate", "--root", str(root), "--no-run", "--no-coverage", *extra])
    return result.exit_code, result.output


def problems_of(root, **options):
    options = {"run": False, "coverage": False, **options}
    return [str(problem) for problem in validation.validate(root, **options)]


def good_grade0(mini):
    return [
        mini.unplugged("g0-robotspil", ["computationel-indskoling-1", "handleevne-indskoling-1"], lessons=2),
        mini.unplugged("g0-appen", ["myndiggoerelse-indskoling-2"], prerequisites=["g0-robotspil"]),
    ]


def test_valid_mini_curriculum_passes(mini):
    mini.write_grade(0, good_grade0(mini))
    code, output = run_validate(mini.root)
    assert code == 0, output
    assert "Læseplanen er i orden: 2 aktiviteter, 3 lektioner" in output


def test_broken_goal_reference(mini):
    activities = good_grade0(mini)
    activities[1]["goals"] = ["myndiggoerelse-indskoling-9"]
    mini.write_grade(0, activities)
    code, output = run_validate(mini.root)
    assert code == 1
    assert GRADE0 + ":" in output
    assert "g0-appen: målet 'myndiggoerelse-indskoling-9' findes ikke i curriculum/areas.yaml" in output


def test_goal_from_wrong_band(mini):
    activities = good_grade0(mini)
    activities[0]["goals"] = ["computationel-udskoling-2"]
    mini.write_grade(0, activities)
    assert problems_of(mini.root) == [
        f"{GRADE0}: g0-robotspil: målet 'computationel-udskoling-2' hører til udskoling, men 0. klasse er indskoling"
    ]


def test_missing_and_later_prerequisites(mini):
    mini.write_grade(0, [
        mini.unplugged("g0-a", ["computationel-indskoling-1"], prerequisites=["g0-findes-ikke", "g1-b", "g0-c"]),
        mini.unplugged("g0-c", ["computationel-indskoling-1"]),
    ])
    mini.write_grade(1, [mini.unplugged("g1-b", ["computationel-indskoling-1"])])
    assert problems_of(mini.root) == [
        f"{GRADE0}: g0-a: forudsætningen 'g0-findes-ikke' findes ikke i læseplanen",
        f"{GRADE0}: g0-a: forudsætningen 'g1-b' ligger i 1. klasse - senere end denne aktivitet",
        f"{GRADE0}: g0-a: forudsætningen 'g0-c' kommer senere i årsplanen end denne aktivitet",
    ]


def test_prerequisite_cycle(mini):
    mini.write_grade(0, [
        mini.unplugged("g0-a", ["computationel-indskoling-1"], prerequisites=["g0-b"]),
        mini.unplugged("g0-b", ["computationel-indskoling-1"], prerequisites=["g0-a"]),
    ])
    problems = problems_of(mini.root)
    assert f"{GRADE0}: g0-a: forudsætningerne danner en kreds: g0-a -> g0-b -> g0-a" in problems
    assert sum("kreds" in problem for problem in problems) == 1


def test_duplicate_id_through_the_command(mini):
    mini.write_grade(0, good_grade0(mini) + [mini.unplugged("g0-robotspil", ["design-indskoling-1"])])
    code, output = run_validate(mini.root)
    assert code == 1
    assert "g0-robotspil: aktivitets-id'et bruges allerede i curriculum/grades/grade-0.yaml" in output


def test_invalid_yaml_through_the_command(mini):
    mini.write_grade(0, good_grade0(mini))
    path = mini.root / GRADE1
    path.write_text("grade: 1\ntitle: 1. klasse\nactivities:\n  - id: g1-x\n    title: 'ikke lukket\n", encoding="utf-8")
    code, output = run_validate(mini.root)
    assert code == 1
    assert GRADE1 + ":" in output and "ugyldig YAML (linje" in output
    assert "Traceback" not in output


def test_missing_unplugged_description_and_wrong_path(mini):
    activities = good_grade0(mini)
    mini.write_grade(0, activities)
    (mini.root / "curriculum/unplugged/g0-appen.md").unlink()
    activities[0]["content"] = "../etc/passwd"
    mini.write_grade(0, activities, write_content=False)
    assert problems_of(mini.root) == [
        f"{GRADE0}: g0-robotspil: indholdsstien '../etc/passwd' skal være relativ til projektmappen og uden '..'",
        f"{GRADE0}: g0-appen: beskrivelsen curriculum/unplugged/g0-appen.md findes ikke",
    ]


def notebook_activity(mini, activity_id, points=4):
    activity = mini.unplugged(activity_id, ["handleevne-mellemtrin-1"], lessons=2)
    activity.update(kind="notebook", content=f"notebooks/{activity_id}", points=points)
    return activity


def test_missing_notebook(mini):
    mini.write_grade(4, [notebook_activity(mini, "g4-mangler")])
    (mini.root / "notebooks/g4-mangler").mkdir(parents=True)
    code, output = run_validate(mini.root)
    assert code == 1
    assert "curriculum/grades/grade-4.yaml:" in output
    assert "g4-mangler: notesbogen notebooks/g4-mangler/g4-mangler.ipynb findes ikke" in output


def test_missing_files_of_microbit_and_game(mini):
    microbit = mini.unplugged("mb-terning", ["handleevne-mellemtrin-2"])
    microbit.update(kind="microbit", content="microbit/lessons/mb-terning")
    game = mini.unplugged("spil-fang-aeblet", ["handleevne-mellemtrin-1"])
    game.update(kind="pgzero", content="games/projects/spil-fang-aeblet")
    mini.write_grade(4, [microbit, game])
    (mini.root / "microbit/lessons/mb-terning").mkdir(parents=True)
    (mini.root / "microbit/lessons/mb-terning/starter.py").write_text("pass\n")
    assert problems_of(mini.root) == [
        "curriculum/grades/grade-4.yaml: mb-terning: filen microbit/lessons/mb-terning/solution.py mangler",
        "curriculum/grades/grade-4.yaml: mb-terning: filen microbit/lessons/mb-terning/scenarios.yaml mangler",
        "curriculum/grades/grade-4.yaml: mb-terning: filen microbit/lessons/mb-terning/README.md mangler",
        "curriculum/grades/grade-4.yaml: spil-fang-aeblet: indholdsmappen games/projects/spil-fang-aeblet findes ikke",
    ]


def test_wrong_id_prefix(mini):
    mini.write_grade(0, [mini.unplugged("robotspil", ["computationel-indskoling-1"])])
    assert problems_of(mini.root) == [
        f"{GRADE0}: robotspil: id'et skal begynde med 'g0-' (aktivitet uden computer i 0. klasse)"
    ]


def test_coverage_rules(mini):
    mini.write_grade(0, good_grade0(mini))
    problems = problems_of(mini.root, coverage=True)
    assert f"{GRADE0}: årsplanen er kun 3 lektioner; der skal være mindst 20" in problems
    assert "curriculum/grades/grade-5.yaml: årsplanen for 5. klasse mangler" in problems
    assert any(p.startswith("curriculum/grades: indskoling (0.-3. klasse) dækker ikke kompetenceområderne: "
                            "Digital design og designprocesser") for p in problems)


def test_a_grader_that_crashes_is_a_problem_not_a_crash(mini):
    """The lesson folder lacks its scenarios: the real grader raises; validation names the activity."""
    folder = mini.root / "microbit/lessons/mb-terning"
    folder.mkdir(parents=True)
    (folder / "solution.py").write_text("from microbit import *\n")
    job = validation.ContentRun(GRADE1, "mb-terning", "microbit", "solution", str(folder))
    problems = [str(problem) for problem in validation.run_job(job)]
    assert problems == [f"{GRADE1}: mb-terning: afprøvning af løsningen gik galt: FileNotFoundError: "
                        f"[Errno 2] No such file or directory: '{folder / 'scenarios.yaml'}'"]


def test_unplugged_description_must_list_materials(mini):
    mini.write_grade(0, good_grade0(mini))
    (mini.root / "curriculum/unplugged/g0-appen.md").write_text("# Appen\n\n**Tid:** 1 lektion\n\nTal om apps.\n",
                                                                  encoding="utf-8")
    (mini.root / "curriculum/unplugged/g0-robotspil.md").write_text("  \n", encoding="utf-8")
    assert problems_of(mini.root) == [
        f"{GRADE0}: g0-robotspil: beskrivelsen curriculum/unplugged/g0-robotspil.md er tom",
        f"{GRADE0}: g0-appen: beskrivelsen curriculum/unplugged/g0-appen.md mangler et afsnit '## Materialer'",
    ]
