"""The year plans: what the brief fixes for each grade, beyond the general validator.

The validator (tests/curriculum) checks schema, references, coverage per band and grades
every activity. These tests pin the content promises of grades 5-9 themselves: each year
is a full year, has its fixed micro:bit lesson and game project, its notebooks, and
touches all four competence areas within the year - not only within the band. Grades 0-3
(indskoling) are full years too: without a computer in 0-2, micro:bit lessons in grade 3.
"""
import pytest

from kodefag.curriculum.loader import read_curriculum
from kodefag.curriculum.schema import AREA_IDS

FIXED = {
    4: ("mb-terning", "spil-fang-aeblet"),
    5: ("mb-skridttaeller", "spil-labyrint"),
    6: ("mb-reaktionsspil", "spil-rumskyder"),
    7: ("mb-radiobeskeder", "spil-platform"),
    8: ("mb-termometer", "spil-quiz"),
    9: ("mb-afstemning", "spil-to-spillere"),
}


@pytest.fixture(scope="module")
def curriculum():
    curriculum, problems = read_curriculum()
    assert curriculum is not None, [str(problem) for problem in problems]
    return curriculum


@pytest.mark.parametrize("grade", sorted(FIXED))
def test_year_plan_is_a_full_year(curriculum, grade):
    """36 lessons: one a week for a school year, after holidays, trips and tests."""
    assert curriculum.plan(grade).total_lessons >= 36


@pytest.mark.parametrize("grade", sorted(FIXED))
def test_fixed_microbit_lesson_and_game_project(curriculum, grade):
    microbit, game = FIXED[grade]
    kinds = {activity.id: activity.kind for activity in curriculum.plan(grade).activities}
    assert kinds.get(microbit) == "microbit"
    assert kinds.get(game) == "pgzero"


@pytest.mark.parametrize("grade", sorted(FIXED))
def test_at_least_two_notebooks_with_reflection_from_grade_6(curriculum, grade):
    notebooks = [a for a in curriculum.plan(grade).activities
                 if a.kind == "notebook" and not a.id.startswith("kompetencetjek-")]
    assert len(notebooks) >= 2
    if grade == 5:
        assert notebooks[0].id == "g5-lister-og-loekker", "the foundation's notebook opens grade 5"


@pytest.mark.parametrize("grade", sorted(FIXED))
def test_every_year_touches_all_four_areas(curriculum, grade):
    areas = {area for activity in curriculum.plan(grade).activities for area in curriculum.areas_of(activity)}
    assert areas == set(AREA_IDS)


@pytest.mark.parametrize("grade", sorted(FIXED))
def test_myndiggoerelse_is_argued_in_a_notebook(curriculum, grade):
    """Digital myndiggørelse is more than programming: a notebook of the year trains it."""
    trained = [a.id for a in curriculum.plan(grade).activities
               if a.kind == "notebook" and "myndiggoerelse" in curriculum.areas_of(a)
               and not a.id.startswith("kompetencetjek-")]
    assert trained, f"no notebook in grade {grade} trains digital myndiggørelse"


@pytest.mark.parametrize("grade", sorted(FIXED))
def test_prerequisites_come_earlier_in_the_plan(curriculum, grade):
    seen = {a.id for g in range(grade) for a in curriculum.plan(g).activities}
    for activity in curriculum.plan(grade).activities:
        missing = [p for p in activity.prerequisites if p not in seen]
        assert not missing, f"{activity.id} needs {missing} before it"
        seen.add(activity.id)


@pytest.mark.parametrize("grade, minimum", [(0, 20), (1, 20), (2, 20), (3, 36)])
def test_indskoling_years_are_a_full_year(curriculum, grade, minimum):
    """Issue 15: one lesson a week for a school year - 20 in grades 0-2, 36 in grade 3."""
    plan = curriculum.plan(grade)
    assert plan.total_lessons >= minimum
    assert {area for activity in plan.activities for area in curriculum.areas_of(activity)} == set(AREA_IDS)
    if grade < 3:
        assert {activity.kind for activity in plan.activities} == {"unplugged"}, "grades 0-2 work without a computer"
    else:
        microbit = [a.id for a in plan.activities if a.kind == "microbit"]
        assert microbit[0] == "mb-navneskilt" and len(microbit) >= 2, "grade 3 builds on its first micro:bit lesson"
