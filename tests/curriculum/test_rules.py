"""The second edition's rules: each broken fixture must fail validation with a Danish reason.

Subjects, tegn på læring, rubrics, points that agree with the engines, READMEs that agree
with the year plan, progression levels on the goals, tracks (the valgfag) and ``use:``.
"""
import yaml

from kodefag.curriculum import validate as validation
from kodefag.curriculum.loader import read_curriculum

GRADE4 = "curriculum/grades/grade-4.yaml"
GRADE7 = "curriculum/grades/grade-7.yaml"
VALGFAG = "curriculum/tracks/valgfag.yaml"
SCENARIOS = {
    "id": "mb-lys", "grade": 4, "seconds": 2,
    "scenarios": [
        {"id": "viser", "navn": "Viser noget", "points": 2, "expect": [{"check": "no_error"}]},
        {"id": "bliver-ved", "navn": "Bliver ved", "points": 2, "expect": [{"check": "no_error"}]},
    ],
}
RUBRIC = [{"id": "forklaring", "criterion": "Eleven forklarer sit program", "levels": [
    {"points": 0, "text": "Kan ikke forklare programmet."},
    {"points": 3, "text": "Kan forklare programmet."},
    {"points": 5, "text": "Kan forklare programmet og ændre det."},
]}]


def problems_of(root, **options):
    options = {"run": False, "coverage": False, **options}
    return [str(problem) for problem in validation.validate(root, **options)]


def microbit_lesson(mini, activity_id="mb-lys", *, points=10, rubric=RUBRIC, readme_facts=None):
    """A micro:bit activity whose checks give 1 + 2 + 2 = 5 points."""
    folder = mini.root / "microbit/lessons" / activity_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "starter.py").write_text("from microbit import *\n")
    (folder / "solution.py").write_text("from microbit import *\ndisplay.show(1)\n")
    (folder / "scenarios.yaml").write_text(yaml.safe_dump({**SCENARIOS, "id": activity_id}), encoding="utf-8")
    facts = readme_facts or "**Tid:** 2 lektioner · **Point:** 10 (tjek 5 + lærerens vurdering 5)"
    (folder / "README.md").write_text(f"# Lys\n\nGør det.\n\n## Til læreren\n{facts}\n", encoding="utf-8")
    activity = mini.unplugged(activity_id, ["handleevne-mellemtrin-2"], lessons=2)
    activity.update(kind="microbit", content=f"microbit/lessons/{activity_id}", points=points)
    if rubric is not None:
        activity["rubric"] = rubric
    return activity


def test_good_microbit_activity_with_rubric_passes(mini):
    mini.write_grade(4, [microbit_lesson(mini)])
    assert problems_of(mini.root) == []


def test_points_must_be_the_engine_plus_the_rubric(mini):
    mini.write_grade(4, [microbit_lesson(mini, points=12,
                                         readme_facts="**Tid:** 2 lektioner · **Point:** 12 (tjek 5 + lærerens vurdering 5)")])
    assert problems_of(mini.root) == [
        f"{GRADE4}: mb-lys: rubrikken giver 5 point, men aktiviteten siger 12 point = tjek 5 + lærerens 7",
    ]


def test_teacher_judged_points_need_a_rubric(mini):
    mini.write_grade(4, [microbit_lesson(mini, rubric=None)])
    assert f"{GRADE4}: mb-lys: læreren giver 5 point ud over tjekkenes 5, men aktiviteten har ingen rubrik" \
        in problems_of(mini.root)


def test_points_below_the_engine_maximum(mini):
    mini.write_grade(4, [microbit_lesson(mini, points=3, rubric=None,
                                         readme_facts="**Tid:** 2 lektioner · **Point:** 3 (tjek 5 + lærerens vurdering 0)")])
    assert f"{GRADE4}: mb-lys: aktiviteten siger points: 3, men tjekkene alene giver 5 point" in problems_of(mini.root)


def test_readme_must_agree_with_the_year_plan(mini):
    activity = microbit_lesson(mini, readme_facts="**Tid:** 4 lektioner · **Point:** 10 (tjek 5 + lærerens vurdering 5)\n"
                                                  "Ca. 2 lektioner.")
    mini.write_grade(4, [activity])
    assert problems_of(mini.root) == [
        f"{GRADE4}: mb-lys: microbit/lessons/mb-lys/README.md siger 4 lektioner, men årsplanen siger 2",
        f"{GRADE4}: mb-lys: microbit/lessons/mb-lys/README.md nævner '4 lektioner', men aktiviteten er 2 lektioner",
    ]


def test_readme_without_facts_line(mini):
    activity = microbit_lesson(mini, readme_facts="Mål: lys. Ca. 2-3 lektioner. Tjek giver 5 point.")
    mini.write_grade(4, [activity])
    assert problems_of(mini.root) == [
        f"{GRADE4}: mb-lys: microbit/lessons/mb-lys/README.md skal sige antal lektioner som '**Tid:** 2 lektioner'",
        f"{GRADE4}: mb-lys: microbit/lessons/mb-lys/README.md nævner 'Ca. 2-3 lektioner', men aktiviteten er 2 lektioner",
        f"{GRADE4}: mb-lys: microbit/lessons/mb-lys/README.md skal sige pointene som "
        "'**Point:** 10 (tjek 5 + lærerens vurdering 5)'",
    ]


def test_unplugged_points_are_the_rubric(mini):
    judged = mini.unplugged("g4-design", ["design-mellemtrin-1"], lessons=2)
    judged.update(points=5)
    unjudged = mini.unplugged("g4-snak", ["myndiggoerelse-mellemtrin-1"], lessons=2)
    unjudged.update(points=2)
    mini.write_grade(4, [judged, unjudged])
    assert problems_of(mini.root) == [
        f"{GRADE4}: g4-design: læreren giver 5 point, men aktiviteten har ingen rubrik",
        f"{GRADE4}: g4-snak: læreren giver 2 point, men aktiviteten har ingen rubrik",
    ]
    judged["rubric"] = RUBRIC
    mini.write_grade(4, [judged])
    assert problems_of(mini.root) == []


def test_unknown_or_missing_subjects(mini):
    activity = mini.unplugged("g4-a", ["design-mellemtrin-1"])
    activity["subjects"] = ["matematik", "kodning", "matematik"]
    missing = mini.unplugged("g4-b", ["design-mellemtrin-1"])
    mini.write_grade(4, [activity, missing])
    assert problems_of(mini.root) == [
        f"{GRADE4}: g4-a: faget 'kodning' findes ikke i curriculum/subjects.yaml",
        f"{GRADE4}: g4-a: det samme fag står flere gange",
    ]
    del missing["subjects"]
    mini.write_grade(4, [activity, missing])
    assert f"{GRADE4}: g4-b: activities.1.subjects: feltet mangler" in problems_of(mini.root)


def test_signs_guide_notes_and_rubric_shape_are_required(mini):
    activity = mini.unplugged("g4-a", ["design-mellemtrin-1"])
    activity["signs"] = {"Forkert Id": "Eleven kan noget vigtigt."}
    del activity["guide"]["misconceptions"]
    activity["guide"]["key_terms"] = {}
    activity["rubric"] = [{"id": "ide", "criterion": "Idé", "levels": [
        {"points": 1, "text": "Lidt idé her"}, {"points": 2, "text": "Mere idé her"}]}]
    mini.write_grade(4, [activity])
    problems = problems_of(mini.root)
    assert any("g4-a: activities.0.signs: tegn på læring 'Forkert Id'" in p for p in problems), problems
    assert f"{GRADE4}: g4-a: activities.0.guide.misconceptions: feltet mangler" in problems
    assert any("g4-a: activities.0.guide.key_terms" in p for p in problems), problems
    assert any("niveauerne i kriteriet 'ide' skal starte ved 0 point og stige" in p for p in problems), problems


def test_notebooks_have_no_rubric(mini):
    activity = mini.unplugged("g4-nb", ["handleevne-mellemtrin-1"])
    activity.update(kind="notebook", content="notebooks/g4-nb", rubric=RUBRIC)
    mini.write_grade(4, [activity])
    assert f"{GRADE4}: g4-nb: notesbøger har ingen rubrik: læreren retter refleksionssvarene i notesbogen" \
        in problems_of(mini.root)


def test_every_goal_has_two_or_three_levels(mini):
    path = mini.root / "curriculum/areas.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["areas"][0]["goals"][0]["levels"] = ["Kun ét niveau her."]
    del data["areas"][1]["goals"][0]["levels"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    curriculum, problems = read_curriculum(mini.root)
    assert curriculum is None
    messages = [str(problem) for problem in problems]
    assert "curriculum/areas.yaml: areas.0.goals.0.levels: er for kort (mindst 2)" in messages
    assert "curriculum/areas.yaml: areas.1.goals.0.levels: feltet mangler" in messages


# ----------------------------------------------------------------------------- tracks
def valgfag_activity(mini, activity_id, lessons=2, **fields):
    activity = mini.unplugged(activity_id, ["handleevne-udskoling-1"], lessons=lessons)
    activity.update(track_goals=["valgfag-1"], **fields)
    return activity


def test_track_stands_on_its_own(mini):
    mini.write_grade(6, [mini.unplugged("g6-grund", ["handleevne-mellemtrin-1"])])
    mini.write_grade(7, [valgfag_activity(mini, "g7-feed")])
    first = valgfag_activity(mini, "valgfag-start", prerequisites=["g6-grund"])
    second = valgfag_activity(mini, "valgfag-videre", prerequisites=["valgfag-start", "g7-feed"])
    mini.write_track("valgfag", [first, second, {"use": "g7-feed"}])
    assert problems_of(mini.root) == [
        f"{VALGFAG}: valgfag-start: forudsætningen 'g6-grund' står ikke i sporet valgfag "
        "(et spor må ikke bygge på aktiviteter uden for sporet)",
        f"{VALGFAG}: valgfag-videre: forudsætningen 'g7-feed' kommer senere i sporet valgfag end denne aktivitet",
    ]


def test_track_activities_map_to_the_track_goals(mini):
    mini.write_grade(7, [mini.unplugged("g7-feed", ["myndiggoerelse-udskoling-2"])])
    wrong = valgfag_activity(mini, "valgfag-a")
    wrong["track_goals"] = ["valgfag-9"]
    mini.write_track("valgfag", [wrong, {"use": "g7-feed"}])
    assert problems_of(mini.root) == [
        f"{GRADE7}: g7-feed: aktiviteten står i sporet valgfag, men track_goals nævner ingen af sporets mål",
        f"{VALGFAG}: valgfag-a: aktiviteten står i sporet valgfag, men track_goals nævner ingen af sporets mål",
        f"{VALGFAG}: valgfag-a: sporets mål 'valgfag-9' findes ikke",
    ]


def test_track_ids_and_uses(mini):
    mini.write_grade(7, [valgfag_activity(mini, "g7-feed")])
    mini.write_track("valgfag", [valgfag_activity(mini, "g7-forkert"), {"use": "g7-findes-ikke"}])
    curriculum, problems = read_curriculum(mini.root)
    assert [str(p) for p in problems] == [
        f"{VALGFAG}: g7-findes-ikke: planen bruger aktiviteten 'g7-findes-ikke', som ikke findes i læseplanen"]
    mini.write_track("valgfag", [valgfag_activity(mini, "g7-forkert"), {"use": "g7-feed"}])
    assert problems_of(mini.root) == [
        f"{VALGFAG}: g7-forkert: id'et skal begynde med 'valgfag-' (aktivitet uden computer i sporet valgfag)"]


def test_track_coverage(mini):
    short = valgfag_activity(mini, "valgfag-kort", lessons=4)
    mini.write_track("valgfag", [short], goals=[
        {"id": "valgfag-1", "text": "Eleven kan programmere en lille ting.",
         "levels": ["Eleven kan ændre et program.", "Eleven kan skrive et program selv."]},
        {"id": "valgfag-2", "text": "Eleven kan designe til en bruger.",
         "levels": ["Eleven kan spørge en bruger.", "Eleven kan afprøve med en bruger."]},
    ])
    problems = [p for p in problems_of(mini.root, coverage=True) if p.startswith(VALGFAG)]
    assert problems == [
        f"{VALGFAG}: sporet er kun 4 lektioner; der skal være mindst 36",
        f"{VALGFAG}: sporet dækker ikke kompetenceområderne: Digital myndiggørelse, "
        "Digital design og designprocesser, Computationel tankegang",
        f"{VALGFAG}: ingen aktivitet i sporet træner målene: valgfag-2",
        f"{VALGFAG}: sporet skal slutte med et produkt på 10-12 lektioner, der vurderes med en rubrik "
        "(sidste aktivitet er valgfag-kort: 4 lektioner, ingen rubrik)",
    ]


def test_track_goals_outside_a_track(mini):
    activity = mini.unplugged("g4-a", ["design-mellemtrin-1"])
    activity["track_goals"] = ["valgfag-1"]
    mini.write_grade(4, [activity])
    assert problems_of(mini.root) == [
        f"{GRADE4}: g4-a: track_goals bruges kun af aktiviteter i et spor (fx valgfaget)"]


def test_kompetencetjek_may_be_used_by_several_grades(mini):
    check = mini.unplugged("kompetencetjek-mellemtrin-computationel", ["computationel-mellemtrin-1"])
    mini.write_grade(4, [check])
    mini.write_grade(5, [mini.unplugged("g5-a", ["design-mellemtrin-1"]),
                         {"use": "kompetencetjek-mellemtrin-computationel"}])
    assert problems_of(mini.root) == []
    curriculum, _ = read_curriculum(mini.root)
    assert [a.id for a in curriculum.plan(5).activities] == ["g5-a", "kompetencetjek-mellemtrin-computationel"]
    assert [a.id for a in curriculum.activities()] == ["kompetencetjek-mellemtrin-computationel", "g5-a"]


def test_use_of_own_or_twice(mini):
    mini.write_grade(4, [mini.unplugged("g4-a", ["design-mellemtrin-1"]), {"use": "g4-a"}])
    _, problems = read_curriculum(mini.root)
    assert [str(p) for p in problems] == [
        f"{GRADE4}: g4-a: aktiviteten står allerede i denne plan; 'use:' er til aktiviteter fra andre planer"]
