"""Every game project: its solution passes all checks, its starter does not."""
import wave
from pathlib import Path

import pytest

from kodefag.games.grading import grade_project, load_checks

PROJECTS_DIR = Path(__file__).resolve().parents[2] / "games" / "projects"
PROJECT_IDS = ["spil-fang-aeblet", "spil-labyrint", "spil-rumskyder", "spil-platform", "spil-quiz", "spil-to-spillere",
               "spil-eget-spil"]


def test_the_projects_exist():
    assert sorted(p.name for p in PROJECTS_DIR.iterdir() if p.is_dir()) == sorted(PROJECT_IDS)


@pytest.mark.parametrize("project", PROJECT_IDS)
def test_solution_passes_every_check(project):
    result = grade_project(PROJECTS_DIR / project, PROJECTS_DIR / project / "solution.py")
    assert result["max_score"] == len(load_checks(PROJECTS_DIR / project)["checks"]) >= 4
    assert result["score"] == result["max_score"], result["messages"]
    assert {cell["status"] for cell in result["cells"]} == {"passed"}


@pytest.mark.parametrize("project", PROJECT_IDS)
def test_starter_runs_but_fails_checks(project):
    result = grade_project(PROJECTS_DIR / project, PROJECTS_DIR / project / "starter.py")
    assert result["score"] < result["max_score"] / 2
    # the starter runs without errors: it fails on behaviour, not by crashing
    assert "error" not in {cell["status"] for cell in result["cells"]}, result["messages"]
    assert result["messages"]


@pytest.mark.parametrize("project", PROJECT_IDS)
def test_project_has_its_own_small_assets_and_danish_readme(project):
    folder = PROJECTS_DIR / project
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "Til læreren" in readme and "OPGAVE" in readme
    images = list((folder / "images").glob("*.png"))
    sounds = list((folder / "sounds").glob("*.wav"))
    assert images and sounds
    for path in images + sounds:
        assert path.stat().st_size < 64 * 1024, path
    for path in sounds:
        with wave.open(str(path)) as sound:
            assert sound.getnframes() / sound.getframerate() < 2
    used = {p.stem for p in images} | {p.stem for p in sounds}
    source = (folder / "solution.py").read_text(encoding="utf-8")
    for name in used:
        assert name in source, f"{name} is not used by the solution"


def test_quiz_reads_its_questions_from_the_project_file():
    lines = (PROJECTS_DIR / "spil-quiz" / "spoergsmaal.txt").read_text(encoding="utf-8").splitlines()
    assert len([line for line in lines if line.strip()]) == 6


#: a game nothing like the open brief's example (spil-eget-spil/solution.py): the player starts in a
#: corner and moves only sideways, the "things" are two enemies patrolling at the top, no images of
#: the project's own. The brief's checks must not depend on a supplied layout, so it passes them all.
OTHER_OPEN_BRIEF_GAME = """
WIDTH = 640
HEIGHT = 480

spiller = Actor("meteor", (40, 440))
ting = [Actor("stjerne", (100, 60)), Actor("stjerne", (500, 120))]
retning = [3, -2]
point = 5


def draw():
    screen.fill((0, 80, 0))
    spiller.draw()
    for fjende in ting:
        fjende.draw()


def update():
    global point
    if keyboard.right:
        spiller.x = min(spiller.x + 4, WIDTH - 20)
    if keyboard.left:
        spiller.x = max(spiller.x - 4, 20)
    for nummer in range(len(ting)):
        ting[nummer].x = ting[nummer].x + retning[nummer]
        if ting[nummer].left < 0 or ting[nummer].right > WIDTH:
            retning[nummer] = -retning[nummer]
        if spiller.colliderect(ting[nummer]):
            point = max(0, point - 1)
"""


def test_open_brief_checks_accept_a_game_with_another_layout(tmp_path):
    game = tmp_path / "mit_spil.py"
    game.write_text(OTHER_OPEN_BRIEF_GAME, encoding="utf-8")
    result = grade_project(PROJECTS_DIR / "spil-eget-spil", game)
    assert result["score"] == result["max_score"] == 4, result["messages"]
