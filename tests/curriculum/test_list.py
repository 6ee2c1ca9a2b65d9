"""`kodefag curriculum list` prints a year plan as a table or as JSON in plan order."""
import json

from click.testing import CliRunner

from kodefag.curriculum.cli import cli


def write_plan(mini):
    mini.write_grade(2, [
        mini.unplugged("g2-pixel", ["computationel-indskoling-3", "design-indskoling-2"], lessons=3),
        mini.unplugged("g2-appen", ["myndiggoerelse-indskoling-2"], lessons=2, prerequisites=["g2-pixel"]),
    ])


def test_list_json_in_plan_order(mini):
    write_plan(mini)
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--grade", "2", "--json"])
    assert result.exit_code == 0, result.output
    activities = json.loads(result.output)
    assert [a["id"] for a in activities] == ["g2-pixel", "g2-appen"]
    first = activities[0]
    assert first == {
        "id": "g2-pixel", "title": "Aktivitet g2-pixel", "grade": 2, "kind": "unplugged", "lessons": 3,
        "points": 0, "goals": ["computationel-indskoling-3", "design-indskoling-2"],
        "areas": ["design", "computationel"], "subjects": ["matematik"], "track": "aarsplan", "track_goals": [],
    }
    assert activities[1]["areas"] == ["myndiggoerelse"]


def test_list_table(mini):
    write_plan(mini)
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--grade", "2"])
    assert result.exit_code == 0, result.output
    assert "Årsplan: 2. klasse (indskoling, 5 lektioner)" in result.output
    assert "g2-pixel" in result.output and "Digital myndiggørelse" in result.output


def test_list_missing_grade_and_bad_grade(mini):
    write_plan(mini)
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--grade", "7"])
    assert result.exit_code == 1
    assert "Der er ingen årsplan for 7. klasse endnu." in result.output
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--grade", "12"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root)])
    assert result.exit_code == 2 and "Vælg enten --grade" in result.output


def test_list_track_json(mini):
    """A track lists its own activities and the ones it uses from a grade plan, each with its home track."""
    grade7 = mini.unplugged("g7-feed", ["myndiggoerelse-udskoling-2"], lessons=2)
    grade7["track_goals"] = ["valgfag-1"]
    mini.write_grade(7, [grade7])
    own = mini.unplugged("valgfag-start", ["handleevne-udskoling-1"], lessons=3)
    own.update(subjects=["matematik", "dansk"], track_goals=["valgfag-1"])
    mini.write_track("valgfag", [own, {"use": "g7-feed"}])
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--track", "valgfag", "--json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert [(e["id"], e["track"], e["grade"]) for e in entries] == [
        ("valgfag-start", "valgfag", 7), ("g7-feed", "aarsplan", 7)]
    assert entries[0]["subjects"] == ["matematik", "dansk"]
    assert entries[0]["track_goals"] == ["valgfag-1"]
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--track", "findes-ikke"])
    assert result.exit_code == 1 and "Sporet 'findes-ikke' findes ikke" in result.output


def test_show_prints_the_teacher_guide(mini):
    write_plan(mini)
    result = CliRunner().invoke(cli, ["show", "--root", str(mini.root), "g2-pixel"])
    assert result.exit_code == 0, result.output
    assert "Forberedelse" in result.output and "Print pilekort." in result.output
    for heading in ("Fag", "Faglig note", "Typiske misforståelser", "Fagord", "Tegn på læring"):
        assert heading in result.output
    assert "Eleven kan følge kortene et ad gangen." in result.output


def test_list_of_a_broken_curriculum_says_why_without_traceback(mini):
    (mini.root / "curriculum/grades/grade-3.yaml").write_text("grade: 3\nactivities: [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["list", "--root", str(mini.root), "--grade", "3", "--json"])
    assert result.exit_code == 1
    assert "Læseplanen kan ikke læses:" in result.output
    assert "curriculum/grades/grade-3.yaml:" in result.output and "ugyldig YAML" in result.output
    assert "Traceback" not in result.output


def test_real_year_plans_list_in_plan_order():
    for grade in range(5):
        result = CliRunner().invoke(cli, ["list", "--grade", str(grade), "--json"])
        assert result.exit_code == 0, result.output
        activities = json.loads(result.output)
        assert activities and all(a["grade"] == grade for a in activities)
        assert all(a["subjects"] and a["track"] == "aarsplan" for a in activities)
        assert {area for a in activities for area in a["areas"]} == {
            "myndiggoerelse", "design", "computationel", "handleevne"}
