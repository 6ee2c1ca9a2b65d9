"""The sequencing fixes and the breadth of grades 4-9 (issue 15), pinned on the curriculum data.

A teacher would ask for these, and each is easy to undo by accident when the plans are edited:
variables before functions, the running total shown before it is asked for, g5-robotten after
g5-klassens-data, while in a notebook before grade 7, an algorithms step in grades 4-6, PRIMM
(predict first, find the bug) in both bands from grade 4, an AI strand in grades 4-6 with
pupil-labelled training data, a language model pupils build in grades 8-9, an open brief per
band, a final project of 10-12 lessons, and the user tests as one progression.
"""
import re

import nbformat
import pytest

from kodefag.curriculum.loader import read_curriculum
from kodefag.settings import REPO_ROOT


@pytest.fixture(scope="module")
def curriculum():
    curriculum, problems = read_curriculum()
    assert curriculum is not None, [str(problem) for problem in problems]
    return curriculum


def order(curriculum, grade):
    return [activity.id for activity in curriculum.plan(grade).activities]


def notebook(activity_id):
    return nbformat.read(str(REPO_ROOT / "notebooks" / activity_id / f"{activity_id}.ipynb"), as_version=4)


def code_of(activity_id):
    return "\n".join(cell.source for cell in notebook(activity_id).cells if cell.cell_type == "code")


def test_variables_are_taught_before_functions(curriculum):
    plan = order(curriculum, 4)
    assert plan.index("g4-variabler") < plan.index("g4-python-regnemaskine")
    assert "def " not in code_of("g4-variabler"), "the variables notebook must not need functions"
    assert "g4-variabler" in curriculum.activity("g4-python-regnemaskine").prerequisites


def test_running_total_is_shown_before_task_1_of_lister_og_loekker():
    cells = notebook("g5-lister-og-loekker").cells
    task_1 = next(i for i, cell in enumerate(cells) if cell.source.startswith("## Opgave 1"))
    shown = [cell for cell in cells[:task_1] if cell.cell_type == "code" and re.search(r"(\w+) = \1 \+", cell.source)]
    assert shown, "a worked example adds up in a loop (summen = summen + s) before task 1 asks for it"
    assert "Holdet fik" in next(cell for cell in cells if cell.cell_type == "code").source  # the demo's first cell


def test_robotten_comes_after_klassens_data(curriculum):
    plan = order(curriculum, 5)
    assert plan.index("g5-klassens-data") < plan.index("g5-robotten")


def test_while_is_in_a_notebook_before_grade_7(curriculum):
    early = [a.id for grade in (4, 5, 6) for a in curriculum.plan(grade).activities
             if a.kind == "notebook" and re.search(r"^\s*while ", code_of(a.id), re.M)]
    assert early and all(int(i[1]) < 7 for i in early)


def test_an_algorithms_step_in_every_grade_4_to_6(curriculum):
    step = {4: "g4-algoritmer-med-kort", 5: "g5-gaet-mit-tal", 6: "g6-sorter"}
    for grade, activity_id in step.items():
        activity = curriculum.activity(activity_id)
        assert activity.grade == grade and "computationel" in curriculum.areas_of(activity)
    assert "g6-sorter" in curriculum.activity("g7-soeg-og-sorter").prerequisites


@pytest.mark.parametrize("band, grades", [("mellemtrin", (4, 5, 6)), ("udskoling", (7, 8, 9))])
def test_primm_predict_first_and_find_the_bug_in_every_band(curriculum, band, grades):
    """Predictions are graded cells named gaet-* / fejl-*; a "find the bug" cell is marked as failing on purpose."""
    predicting, bug_hunting = set(), set()
    for grade in grades:
        for activity in curriculum.plan(grade).activities:
            if activity.kind != "notebook" or activity.id.startswith("kompetencetjek-"):
                continue
            cells = notebook(activity.id).cells
            ids = [cell.metadata.get("nbgrader", {}).get("grade_id", "") for cell in cells]
            if any(i.startswith("gaet") for i in ids):
                predicting.add(activity.id)
            if any(cell.metadata.get("kodefag", {}).get("expected_error") for cell in cells):
                bug_hunting.add(activity.id)
    assert predicting and bug_hunting, (band, predicting, bug_hunting)


def test_ai_strand_in_grades_4_to_6_classifies_pupil_labelled_data(curriculum):
    strand = ["g4-laer-maskinen", "g5-traen-en-klassifikator", "g6-spamfilter"]
    assert [curriculum.activity(i).grade for i in strand] == [4, 5, 6]
    for activity_id in strand[1:]:
        labels = [cell for cell in notebook(activity_id).cells
                  if cell.metadata.get("nbgrader", {}).get("grade_id") in ("maerkater", "maerker")]
        assert labels, f"{activity_id}: pupils label the training data themselves"


def test_generative_ai_built_by_the_pupils_in_grades_8_and_9(curriculum):
    assert curriculum.activity("g8-sprogmodel").grade == 8
    assert curriculum.activity("g9-kan-man-stole-paa-ai").grade == 9
    for activity_id in ("g8-sprogmodel", "g9-kan-man-stole-paa-ai"):
        code = code_of(activity_id)
        assert "tilfaeldig.choice" in code and "import requests" not in code and "urllib" not in code


def test_an_open_brief_per_band_from_grade_4(curriculum):
    assert curriculum.activity("mb-min-opfindelse").band == "mellemtrin"
    assert curriculum.activity("spil-eget-spil").band == "udskoling"
    checks = (REPO_ROOT / "games" / "projects" / "spil-eget-spil" / "checks.yaml").read_text(encoding="utf-8")
    assert not re.search(r"^\s+(set|at):", checks, re.M), "no supplied layout: the checks place nothing"


def test_final_project_is_10_to_12_lessons_with_a_rubric(curriculum):
    for activity_id in ("g9-afsluttende-projekt", "valgfag-afsluttende-produkt"):
        activity = curriculum.activity(activity_id)
        assert 10 <= activity.lessons <= 12 and activity.rubric and activity.rubric_points == activity.points


def test_the_user_tests_are_one_progression(curriculum):
    steps = ["g5-spilmesse", "g6-brugertest", "g7-tilgaengelighedstest", "g8-quiz-brugertest"]
    for number, activity_id in enumerate(steps, start=1):
        text = (REPO_ROOT / "curriculum" / "unplugged" / f"{activity_id}.md").read_text(encoding="utf-8")
        assert f"trin {number} af 4" in text
        assert text.count("| 4 | 8. |") == 1, "every step shows the whole progression"
    assert [curriculum.activity(i).grade for i in steps] == [5, 6, 7, 8]


@pytest.mark.parametrize("grade", range(4, 10))
def test_every_activity_links_to_a_school_subject(curriculum, grade):
    for activity in curriculum.plan(grade).activities:
        assert activity.subjects, activity.id


def test_valgfag_is_a_year_on_its_own_mapped_to_its_provisional_goals(curriculum):
    track = curriculum.track("valgfag")
    assert track.provisional and track.total_lessons >= 36
    inside = {activity.id for activity in track.activities}
    for activity in track.activities:
        assert set(activity.prerequisites) <= inside, activity.id
        assert set(activity.track_goals) & {goal.id for goal in track.goals}, activity.id
    catch_up = [activity.id for activity in track.activities[:4]]
    assert "valgfag-kom-i-gang" in catch_up and "valgfag-data" in catch_up
