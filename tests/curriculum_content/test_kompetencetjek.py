"""Kompetencetjek: a check-in per band and area at the start and end of every school year.

What the effect report relies on is pinned here: every grade (and the valgfag) has its pair of
check-ins, start and end use the same items, every graded item is named after its competence
area, each area weighs the same, and kodefag.curriculum.kompetencetjek splits a result by area.
"""
import nbformat
import pytest

from kodefag.curriculum.kompetencetjek import area_of, area_scores, area_signs, parse_check_in
from kodefag.curriculum.loader import read_curriculum
from kodefag.curriculum.schema import AREA_IDS, BAND_GRADES
from kodefag.settings import REPO_ROOT
from notebooks._build import kompetencetjek as kompetencetjek_builder



@pytest.fixture(scope="module")
def curriculum():
    curriculum, problems = read_curriculum()
    assert curriculum is not None, [str(problem) for problem in problems]
    return curriculum


@pytest.fixture(scope="module")
def builder():
    return kompetencetjek_builder


def _graded_cells(notebook_id):
    path = REPO_ROOT / "notebooks" / notebook_id / f"{notebook_id}.ipynb"
    notebook = nbformat.read(str(path), as_version=4)
    return notebook, [cell for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")]


@pytest.mark.parametrize("grade", range(10))
def test_every_year_starts_and_ends_with_the_check_in(curriculum, grade):
    ids = [activity.id for activity in curriculum.plan(grade).activities]
    assert ids[0] == f"kompetencetjek-g{grade}-start"
    assert f"kompetencetjek-g{grade}-slut" in ids[-2:], "the end check is last (or just before the final project)"


def test_the_valgfag_has_its_check_ins(curriculum):
    ids = [activity.id for activity in curriculum.track("valgfag").activities]
    assert ids[0] == "kompetencetjek-valgfag-start" and "kompetencetjek-valgfag-slut" in ids[-2:]


@pytest.mark.parametrize("band", ["mellemtrin", "udskoling"])
def test_start_and_end_ask_the_same_items_across_the_band(band):
    groups = [f"g{grade}" for grade in BAND_GRADES[band]] + (["valgfag"] if band == "udskoling" else [])
    sources = []
    for group in groups:
        for phase in ("start", "slut"):
            notebook, _ = _graded_cells(f"kompetencetjek-{group}-{phase}")
            sources.append([cell.source for cell in notebook.cells[1:]])  # all but the title
    assert all(source == sources[0] for source in sources)


@pytest.mark.parametrize("notebook_id", ["kompetencetjek-g4-start", "kompetencetjek-g9-slut", "kompetencetjek-valgfag-start"])
def test_every_graded_item_names_its_area_and_areas_weigh_the_same(notebook_id):
    _, cells = _graded_cells(notebook_id)
    result = [{"grade_id": c.metadata["nbgrader"]["grade_id"], "score": c.metadata["nbgrader"]["points"],
               "max_score": c.metadata["nbgrader"]["points"]} for c in cells]
    assert all(area_of(cell["grade_id"]) for cell in result)
    scores = area_scores(result)
    assert list(scores) == list(AREA_IDS)
    assert {most for _, most in scores.values()} == {5.0} and all(got == most for got, most in scores.values())


def test_area_scores_leave_out_answers_not_graded_yet_and_use_the_teachers_points():
    cells = [{"grade_id": "test-design-1", "score": 1, "max_score": 1},
             {"grade_id": "design-refleksion", "score": None, "max_score": 2},
             {"grade_id": "test-handleevne-1", "score": 0, "max_score": 1},
             {"grade_id": "handleevne-refleksion", "score": None, "max_score": 2},
             {"grade_id": "kan-koere-paa-microbit", "score": 1, "max_score": 1}]
    assert area_scores(cells) == {"handleevne": (0.0, 1.0), "design": (1.0, 1.0)}
    assert area_scores(cells, {"design-refleksion": 1.5}) == {"handleevne": (0.0, 1.0), "design": (2.5, 3.0)}


@pytest.mark.parametrize("grade", [0, 1, 2, 3])
def test_indskoling_is_recorded_as_signs_per_area(curriculum, builder, grade):
    for phase in ("start", "slut"):
        activity = curriculum.activity(f"kompetencetjek-g{grade}-{phase}")
        assert activity.kind == "unplugged"
        assert activity.signs == builder.INDSKOLING_SIGNS
    assert area_signs(builder.INDSKOLING_SIGNS, ["computationel-forudsiger", "design-for-hvem"]) == {
        "myndiggoerelse": (0, 2), "design": (1, 2), "computationel": (1, 2), "handleevne": (0, 2)}


def test_check_in_ids_parse():
    start = parse_check_in("kompetencetjek-g5-start")
    assert (start.group, start.phase, start.grade, start.partner_id) == ("g5", "start", 5, "kompetencetjek-g5-slut")
    valgfag = parse_check_in("kompetencetjek-valgfag-slut")
    assert (valgfag.grade, valgfag.partner_id) == (None, "kompetencetjek-valgfag-start")
    assert parse_check_in("g5-lister-og-loekker") is None
    assert parse_check_in("kompetencetjek-g5-midt") is None
