"""What the portal puts in the teacher's server to play a solution game (no hub needed here;
tests/platform/test_solution_game.py plays it in Chromium on the real hub)."""
import nbformat

from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.solution_game import (_with_parents, notebook_path, project_files,
                                                  solution_notebook)

LABYRINT = REPO_ROOT / "games" / "projects" / "spil-labyrint"


def test_the_solution_goes_with_its_pictures_and_sounds_but_not_the_starter_or_the_checks():
    names = [name for name, _ in project_files(LABYRINT)]
    assert names[0] == "solution.py"
    assert "images/mus.png" in names and any(name.startswith("sounds/") for name in names)
    assert "starter.py" not in names and "checks.yaml" not in names
    assert dict(project_files(LABYRINT))["solution.py"] == (LABYRINT / "solution.py").read_bytes()


def test_the_player_notebook_plays_the_solution_with_the_pupils_player():
    notebook = solution_notebook("Spilprojekt: Labyrint")
    nbformat.validate(notebook)
    code = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assert code == ['from kodefag.games.player import play\nplay("solution.py")']
    assert "Spilprojekt: Labyrint" in notebook.cells[0].source
    assert notebook_path("spil-labyrint") == "loesninger/spil-labyrint/spil.ipynb"


def test_folders_are_made_parents_first():
    assert _with_parents({"loesninger/spil/images/baggrund", "loesninger/spil"}) == [
        "loesninger", "loesninger/spil", "loesninger/spil/images", "loesninger/spil/images/baggrund"]
