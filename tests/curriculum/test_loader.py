"""The loader reads areas and year plans and refuses files that do not parse."""
import pytest

from kodefag.curriculum import CurriculumError, load_curriculum


def test_real_areas_have_at_least_two_goals_per_area_and_band():
    curriculum = load_curriculum()
    assert [area.id for area in curriculum.areas] == ["myndiggoerelse", "design", "computationel", "handleevne"]
    for area in curriculum.areas:
        for band in ("indskoling", "mellemtrin", "udskoling"):
            assert len(curriculum.goals_for(band=band, area=area.id)) >= 2, (area.id, band)


def test_lookups(mini):
    mini.write_grade(0, [
        mini.unplugged("g0-robotspil", ["computationel-indskoling-1", "handleevne-indskoling-1"], lessons=2),
        mini.unplugged("g0-app", ["myndiggoerelse-indskoling-2"], prerequisites=["g0-robotspil"]),
    ])
    curriculum = load_curriculum(mini.root)
    assert curriculum.grades == [0]
    activity = curriculum.activity("g0-robotspil")
    assert activity.grade == 0 and activity.band == "indskoling"
    assert [a.id for a in curriculum.plan(0).activities] == ["g0-robotspil", "g0-app"]
    assert curriculum.plan(0).total_lessons == 3
    assert curriculum.areas_of(activity) == ["computationel", "handleevne"]
    assert curriculum.goal("design-udskoling-1").area == "design"
    assert curriculum.summary(activity)["areas"] == ["computationel", "handleevne"]


def test_unknown_field_and_bad_kind_name_file_and_activity(mini):
    bad = mini.unplugged("g0-robotspil", ["computationel-indskoling-1"])
    bad["kind"] = "video"
    bad["lesons"] = 2
    mini.write_grade(0, [bad])
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(mini.root)
    text = str(caught.value)
    assert "curriculum/grades/grade-0.yaml: g0-robotspil: activities.0.kind: ugyldig værdi 'video'" in text
    assert "lesons: ukendt felt" in text


def test_invalid_yaml_names_file_and_line(mini):
    path = mini.root / "curriculum" / "grades" / "grade-1.yaml"
    path.write_text("grade: 1\nactivities:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(mini.root)
    assert "curriculum/grades/grade-1.yaml: ugyldig YAML (linje" in str(caught.value)


def test_duplicate_id_across_grades(mini):
    mini.write_grade(0, [mini.unplugged("g0-robotspil", ["computationel-indskoling-1"])])
    mini.write_grade(1, [mini.unplugged("g0-robotspil", ["computationel-indskoling-1"])])
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(mini.root)
    problem, = caught.value.problems
    assert problem.file == "curriculum/grades/grade-1.yaml"
    assert problem.activity == "g0-robotspil"
    assert "bruges allerede i curriculum/grades/grade-0.yaml" in problem.message


def test_empty_file_and_bad_numbers_are_reported(mini):
    (mini.root / "curriculum/grades/grade-2.yaml").write_text("\n", encoding="utf-8")
    bad = mini.unplugged("g3-x", ["design-indskoling-1"])
    bad["lessons"] = 0
    mini.write_grade(3, [bad])
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(mini.root)
    assert [str(problem) for problem in caught.value.problems] == [
        "curriculum/grades/grade-2.yaml: filen er tom",
        "curriculum/grades/grade-3.yaml: g3-x: activities.0.lessons: skal være mindst 1",
    ]


def test_activity_without_id_is_named_by_position(mini):
    nameless = mini.unplugged("g3-x", ["design-indskoling-1"])
    del nameless["id"]
    mini.write_grade(3, [mini.unplugged("g3-a", ["design-indskoling-1"]), nameless])
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(mini.root)
    assert str(caught.value) == "curriculum/grades/grade-3.yaml: aktivitet nr. 2: activities.1.id: feltet mangler"
