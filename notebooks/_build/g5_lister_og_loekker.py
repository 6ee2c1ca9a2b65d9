"""Builds notebooks/g5-lister-og-loekker: the foundation's graded activity.

Run: .venv/bin/python notebooks/_build/g5_lister_og_loekker.py
The notebook is an nbgrader SOURCE notebook: solutions and hidden tests are
between nbgrader's markers and are removed when the activity is released.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ACTIVITY = "g5-lister-og-loekker"


def graded(cell, grade_id, *, points=0, solution=False, grade=False, locked=False):
    cell.metadata["nbgrader"] = {
        "grade": grade,
        "solution": solution,
        "locked": locked,
        "grade_id": grade_id,
        "points": points,
        "schema_version": 3,
        "task": False,
    }
    return cell


def build():
    cells = [
        graded(new_markdown_cell(
            "# Lister og løkker\n\n"
            "En **liste** gemmer mange ting i én variabel, fx point fra en høvdingebold-turnering.\n"
            "En **løkke** gør det samme for hver ting i listen.\n\n"
            "Sådan arbejder du:\n"
            "1. Læs eksemplet og kør cellen (Shift + Enter).\n"
            "2. Skriv din kode der, hvor der står `# DIN KODE HER`.\n"
            "3. Kør test-cellen under opgaven. Står der ingen fejl, er du godt på vej.\n"
            "4. Tryk **Aflever**, når du er færdig."
        ), "intro", locked=True),
        graded(new_markdown_cell("## Eksempel: at gå en liste igennem"), "eksempel-tekst", locked=True),
        graded(new_code_cell(
            "point = [3, 7, 2, 9]\n"
            "for p in point:\n"
            "    print('Holdet fik', p, 'point')"
        ), "eksempel", locked=True),
        graded(new_markdown_cell(
            "## Eksempel 2: Læg sammen undervejs\n\n"
            "Vil du have alle tallene lagt sammen, skal computeren **huske summen undervejs**. "
            "Det gør en variabel, der starter på 0, *før* løkken. Inde i løkken lægger vi det næste "
            "tal til: `summen = summen + s`.\n\n"
            "Her lægger vi Idas skridt fra tre dage sammen.\n\n"
            "**Forudsig først:** Hvad tror du, den sidste linje skriver? Sig dit gæt til din makker, "
            "og kør så cellen. Passede det?"
        ), "eksempel-2-tekst", locked=True),
        # not locked: the pupil is asked to move `summen = 0` into the loop and back
        new_code_cell(
            "skridt = [1200, 800, 1500]\n"
            "summen = 0\n"
            "for s in skridt:\n"
            "    summen = summen + s\n"
            "    print('Nu er summen', summen)\n"
            "print('I alt:', summen, 'skridt')"
        ),
        graded(new_markdown_cell(
            "| tur i løkken | s | summen bagefter |\n"
            "|---|---|---|\n"
            "| før løkken | | 0 |\n"
            "| 1 | 1200 | 1200 |\n"
            "| 2 | 800 | 2000 |\n"
            "| 3 | 1500 | 3500 |\n\n"
            "Hvad sker der, hvis du flytter `summen = 0` ind i løkken? Prøv det - og flyt den så tilbage."
        ), "eksempel-2-tabel", locked=True),
        graded(new_markdown_cell(
            "## Opgave 1: Læg sammen\n\n"
            "Skriv funktionen `samlet_point(point)`, der lægger alle tallene i listen sammen "
            "med en løkke og giver summen tilbage med `return`.\n\n"
            "Eksempel: `samlet_point([3, 7, 2])` skal give `12`."
        ), "opgave-1-tekst", locked=True),
        graded(new_code_cell(
            "def samlet_point(point):\n"
            "    ### BEGIN SOLUTION\n"
            "    summen = 0\n"
            "    for p in point:\n"
            "        summen = summen + p\n"
            "    return summen\n"
            "    ### END SOLUTION"
        ), "samlet-point", solution=True),
        graded(new_code_cell(
            "from kodefag.grader.checks import check_equal\n"
            "check_equal(samlet_point([3, 7, 2]), 12)\n"
            "check_equal(samlet_point([]), 0)\n"
            "### BEGIN HIDDEN TESTS\n"
            "check_equal(samlet_point([10]), 10)\n"
            "check_equal(samlet_point([5, -2, 4, 1]), 8)\n"
            "### END HIDDEN TESTS"
        ), "test-samlet-point", grade=True, locked=True, points=2),
        graded(new_markdown_cell(
            "## Opgave 2: Hvor mange fik mindst 5 point?\n\n"
            "Skriv funktionen `antal_mindst(point, grænse)`, der tæller, hvor mange tal i listen "
            "der er **mindst** `grænse`.\n\n"
            "Eksempel: `antal_mindst([3, 7, 5, 9], 5)` skal give `3`."
        ), "opgave-2-tekst", locked=True),
        graded(new_code_cell(
            "def antal_mindst(point, grænse):\n"
            "    ### BEGIN SOLUTION\n"
            "    antal = 0\n"
            "    for p in point:\n"
            "        if p >= grænse:\n"
            "            antal = antal + 1\n"
            "    return antal\n"
            "    ### END SOLUTION"
        ), "antal-mindst", solution=True),
        graded(new_code_cell(
            "from kodefag.grader.checks import check_equal\n"
            "check_equal(antal_mindst([3, 7, 5, 9], 5), 3)\n"
            "check_equal(antal_mindst([], 5), 0)\n"
            "### BEGIN HIDDEN TESTS\n"
            "check_equal(antal_mindst([1, 2, 3], 10), 0)\n"
            "check_equal(antal_mindst([4, 4, 4], 4), 3)\n"
            "### END HIDDEN TESTS"
        ), "test-antal-mindst", grade=True, locked=True, points=2),
        graded(new_markdown_cell(
            "## Opgave 3: Forklar med dine egne ord\n\n"
            "Forestil dig, at listen havde 1000 tal. Hvorfor er en løkke smartere end at skrive "
            "tallene sammen ét for ét? Skriv 2-3 sætninger. Din lærer læser dit svar."
        ), "opgave-3-tekst", locked=True),
        graded(new_markdown_cell(
            "Med en løkke skriver man koden én gang, og den virker for lister af alle længder. "
            "Det er hurtigere at skrive, der er færre fejl, og man behøver ikke ændre koden, "
            "når listen bliver længere."
        ), "forklaring", grade=True, solution=True, points=2),
    ]
    notebook = new_notebook(cells=cells)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"celle-{index:02d}"  # stable ids keep the committed file reproducible
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    path = Path(__file__).resolve().parents[1] / ACTIVITY / f"{ACTIVITY}.ipynb"
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    return path


if __name__ == "__main__":
    print(build())
