"""Printables: every unplugged activity has a kopiark that builds into a real PDF (WeasyPrint).

Broken kopiark files fail validation with Danish messages naming file, page and problem;
`kodefag curriculum print` writes a PDF whose text is the activity's cards, sheets and
read-aloud text (read back with pypdf).
"""
import io

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from kodefag.curriculum import validate as validation
from kodefag.curriculum.cli import cli
from kodefag.curriculum.figures import FIGURES, ICONS, FigureError, figure_svg
from kodefag.curriculum.kopiark import kopiark_pdf
from kodefag.curriculum.loader import load_curriculum

GRADE0 = "curriculum/grades/grade-0.yaml"


def problems_of(root, **options):
    options = {"run": False, "coverage": False, **options}
    return [str(problem) for problem in validation.validate(root, **options)]


def pdf_text(data: bytes) -> str:
    """The PDF's text with line breaks as spaces (table cells wrap their text)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_missing_kopiark_is_a_problem(mini):
    mini.write_grade(0, [mini.unplugged("g0-robot", ["computationel-indskoling-1"])])
    (mini.root / "curriculum/kopiark/g0-robot.yaml").unlink()
    assert problems_of(mini.root) == [
        f"{GRADE0}: g0-robot: kopiarket curriculum/kopiark/g0-robot.yaml mangler (kort, arbejdsark eller læs op-tekst til print)"]


@pytest.mark.parametrize("text, expected", [
    ("pages: []\n", "pages: List should have at least 1 item"),
    ("pages:\n  - kind: plakat\n    title: X\n", "pages.0: Input tag 'plakat'"),
    ("pages:\n  - kind: cards\n    title: Kort\n    print: Et ark pr. gruppe\n    cards:\n      - {figure: {pil: op}}\n",
     "side 1 (Kort), kort 1: ukendt figur 'pil'"),
    ("pages:\n  - kind: cards\n    title: Kort\n    print: Et ark pr. gruppe\n    cards:\n      - {figure: {arrow: op}}\n",
     "ukendt pileretning 'op'"),
    ("pages:\n  - kind: worksheet\n    title: Ark\n    print: Et pr. elev\n    blocks:\n      - {lines: 2, draw: Tegn}\n",
     "en blok skal have præcis én af"),
    ("pages:\n  - kind: worksheet\n    title: Ark\n    print: Et pr. elev\n    blocks:\n      - rubric: true\n",
     "side 1 (Ark), blok 1: aktiviteten har ingen rubrik at printe"),
    ("pages:\n  - kind: read_aloud\n    title: Historie\n    print: Til læreren\n    text: 'for kort'\n", "pages.0.read_aloud.text"),
    ("pages: [\n", "kan ikke læses"),
])
def test_broken_kopiark_fails_validation_in_danish(mini, text, expected):
    mini.write_grade(0, [mini.unplugged("g0-robot", ["computationel-indskoling-1"])])
    mini.write_kopiark("g0-robot", text)
    problems = problems_of(mini.root)
    assert len(problems) == 1 and problems[0].startswith(f"{GRADE0}: g0-robot: kopiarket curriculum/kopiark/g0-robot.yaml"), problems
    assert expected in problems[0], problems


def test_kopiark_builds_a_pdf_when_the_content_runs(mini):
    """With run=True the validator really makes the PDF (in the worker pool, like the gradings)."""
    mini.write_grade(0, [mini.unplugged("g0-robot", ["computationel-indskoling-1"])])
    assert problems_of(mini.root, run=True, workers=1) == []
    jobs = [job for job in validation.grading_jobs(load_curriculum(mini.root)) if job.kind == "kopiark"]
    assert [job.activity_id for job in jobs] == ["g0-robot"]


def test_print_command_writes_the_cards_sheets_and_read_aloud_text(tmp_path):
    output = tmp_path / "bamse.pdf"
    result = CliRunner().invoke(cli, ["print", "g1-hvad-ved-appen-om-mig", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "er gemt i" in result.output
    data = output.read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("Det skal du printe", "Appen Bamse", "Mille har fået en ny app", "Oplysningskort",
                     "Min adgangskode", "Tre gode råd", "Side 1 af"):
        assert expected in text, expected


def test_print_command_refuses_in_danish(tmp_path):
    result = CliRunner().invoke(cli, ["print", "findes-ikke", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "findes ikke i læseplanen" in result.output
    result = CliRunner().invoke(cli, ["print", "mb-terning", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 1 and "har ikke noget kopiark" in result.output
    result = CliRunner().invoke(cli, ["print", "g0-robotspillet", "-o", str(tmp_path / "mappe-findes-ikke" / "x.pdf")])
    assert result.exit_code == 1 and "Kunne ikke skrive" in result.output and "Traceback" not in result.output


def test_every_unplugged_activity_has_a_real_printable():
    """Each kopiark has pages beyond the overview, and its cards and sheets are not empty."""
    curriculum = load_curriculum()
    unplugged = [a for a in curriculum.activities() if a.kind == "unplugged"]
    assert len(unplugged) >= 42
    from kodefag.curriculum.kopiark import load_kopiark
    for activity in unplugged:
        kopiark = load_kopiark(curriculum, activity)
        assert kopiark.pages, activity.id


def test_a_rubric_is_printed_from_the_year_plan():
    curriculum = load_curriculum()
    activity = curriculum.activity("g9-afsluttende-projekt")
    text = pdf_text(kopiark_pdf(curriculum, activity))
    for criterion in activity.rubric:
        assert criterion.criterion in text
    assert f"I alt højst {activity.rubric_points} point" in text


def test_every_figure_and_icon_draws():
    examples = {"arrow": "turn-left", "grid": {"rows": ["S.X", "#O*"], "labels": True, "colors": {"#": "#d33"}},
                "microbit": "09090:99999:99999:09990:00900", "dots": 16, "wheel": {"size": "inner"},
                "bars": {"labels": ["sport", "humor"], "max": 10}, "network": {"nodes": {"A": [0, 0], "R1": [1, 0]},
                                                                               "edges": [["A", "R1"]]},
                "sortnet": True, "tree": {"levels": 3}, "footprint": True, "icon": "robot", "symbol": "♥"}
    assert set(examples) == set(FIGURES)
    for name, data in examples.items():
        assert figure_svg({name: data}).startswith("<svg"), name
    for name in ICONS:
        assert "<svg" in figure_svg({"icon": name})
    with pytest.raises(FigureError, match="dots skal være mellem 0 og 64"):
        figure_svg({"dots": 100})
    with pytest.raises(FigureError, match="microbit skal være 5 rækker"):
        figure_svg({"microbit": "123"})


def test_no_page_or_step_for_a_lesson_that_does_not_exist(mini):
    """A shortened activity (or a kopiark copied from a longer one) must not name lesson 3 of 2."""
    mini.write_grade(0, [mini.unplugged("g0-robot", ["computationel-indskoling-1"], lessons=2)])
    description = mini.root / "curriculum/unplugged/g0-robot.md"
    description.write_text(description.read_text() + "\n### Lektion 1-2\nLeg.\n"
                           "Som i lektion 3 i g0-andet.\n", encoding="utf-8")
    mini.write_kopiark("g0-robot", KOPIARK_WITH_LESSON.format(lesson="lektion 2"))
    assert problems_of(mini.root) == []
    description.write_text(description.read_text() + "### Lektion 3\nMere leg.\n", encoding="utf-8")
    mini.write_kopiark("g0-robot", KOPIARK_WITH_LESSON.format(lesson="lektion 1-4"))
    assert problems_of(mini.root) == [
        f"{GRADE0}: g0-robot: curriculum/unplugged/g0-robot.md nævner 'Lektion 3', men aktiviteten er 2 lektioner",
        f"{GRADE0}: g0-robot: curriculum/kopiark/g0-robot.yaml nævner 'lektion 1-4', men aktiviteten er 2 lektioner",
    ]


KOPIARK_WITH_LESSON = """pages:
  - kind: worksheet
    title: Robotdagbog
    print: "Ét pr. gruppe ({lesson})."
    blocks:
      - lines: 2
"""
