"""Small nbgrader notebooks for grading tests: a source and pupil submissions."""
import nbformat

SOLUTION_1 = "def dobbelt(x):\n    ### BEGIN SOLUTION\n    return 2 * x\n    ### END SOLUTION"
TEST_1 = (
    "from kodefag.grader.checks import check_equal\n"
    "check_equal(dobbelt(2), 4)\n"
    "### BEGIN HIDDEN TESTS\n"
    "check_equal(dobbelt(21), 42)  # SKJULT-TEST-MARKOER\n"
    "### END HIDDEN TESTS"
)
SOLUTION_2 = "def hej(navn):\n    ### BEGIN SOLUTION\n    return 'Hej ' + navn\n    ### END SOLUTION"
TEST_2 = (
    "from kodefag.grader.checks import check_equal\n"
    "check_equal(hej('Ida'), 'Hej Ida')\n"
    "### BEGIN HIDDEN TESTS\n"
    "check_equal(hej('Bo'), 'Hej Bo')\n"
    "### END HIDDEN TESTS"
)
#: what an honest pupil writes in each solution cell
HONEST = {"svar-1": "def dobbelt(x):\n    return 2 * x", "svar-2": "def hej(navn):\n    return 'Hej ' + navn"}
WRONG = {"svar-1": "def dobbelt(x):\n    return x + 1", "svar-2": "def hej(navn):\n    return 'Hej'"}


def _meta(grade_id, *, grade=False, solution=False, locked=False, points=0):
    return {
        "nbgrader": {
            "grade": grade, "grade_id": grade_id, "locked": locked, "points": points,
            "schema_version": 3, "solution": solution, "task": False,
        }
    }


def source_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Opgaver", metadata=_meta("intro", locked=True)),
        nbformat.v4.new_code_cell(SOLUTION_1, metadata=_meta("svar-1", solution=True)),
        nbformat.v4.new_code_cell(TEST_1, metadata=_meta("test-1", grade=True, locked=True, points=2)),
        nbformat.v4.new_code_cell(SOLUTION_2, metadata=_meta("svar-2", solution=True)),
        nbformat.v4.new_code_cell(TEST_2, metadata=_meta("test-2", grade=True, locked=True, points=1)),
    ]
    return nb


def released_notebook() -> nbformat.NotebookNode:
    """What pupils get: solutions replaced, hidden tests removed (as generate_assignment does)."""
    nb = source_notebook()
    for cell in nb.cells:
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        if grade_id.startswith("svar"):
            cell.source = cell.source.split("\n")[0] + "\n    # DIN KODE HER\n    raise NotImplementedError()"
        if "### BEGIN HIDDEN TESTS" in cell.source:
            cell.source = cell.source.split("### BEGIN HIDDEN TESTS")[0].rstrip()
    return nb


def cell_by_id(nb, grade_id):
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return cell
    raise KeyError(grade_id)


