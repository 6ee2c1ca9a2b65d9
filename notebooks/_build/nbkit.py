"""A tiny kit for writing nbgrader source notebooks as Python code.

Why: the grade 5-9 notebooks are content, but content with tests. Writing them as
code keeps every notebook's cells, points and nbgrader metadata consistent, and
lets each exercise carry "mutants" - plausible wrong answers - so we can prove
that its tests really fail for wrong work (not only that the model solution passes).

A notebook module defines ``build() -> NotebookSpec``. ``build.py`` writes the
``.ipynb`` files; ``tests/curriculum_content`` checks them with :func:`run_cells`.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
BEGIN_HIDDEN = "### BEGIN HIDDEN TESTS"
END_HIDDEN = "### END HIDDEN TESTS"
#: what code_cells() calls a cell that is allowed to fail (nbkit.NotebookSpec.broken)
BROKEN_ID = "forventet-fejl"
CHECK_NAMES = ("check_equal", "check_close", "check_true", "check_function", "check_raises")


def checks_import(source: str) -> str:
    """The import line for exactly the checks a test cell uses."""
    used = [name for name in CHECK_NAMES if name + "(" in source]
    return "from kodefag.grader.checks import " + ", ".join(used)


def _literal(value) -> str:
    """A Python literal as pupils write it: text in double quotes."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _meta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: int = 0) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


@dataclass
class Mutant:
    """A plausible wrong answer for one solution cell and the test cells it must fail."""

    solution_id: str
    body: str
    must_fail: list[str]
    #: True when the wrong answer passes the visible tests, so only hidden tests catch it
    hidden_only: bool = False


@dataclass
class NotebookSpec:
    """One notebook being written: its cells and the mutants that probe its tests."""

    nb_id: str
    title: str
    cells: list = field(default_factory=list)
    mutants: list[Mutant] = field(default_factory=list)
    _counter: int = 0

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}-{self._counter:02d}"

    def md(self, text: str) -> None:
        """Read-only instruction text."""
        cell = new_markdown_cell(textwrap.dedent(text).strip())
        cell.metadata.update(_meta(self._next_id("tekst"), grade=False, solution=False, locked=True))
        self.cells.append(cell)

    def code(self, text: str) -> None:
        """A worked example or a playground cell the pupil may run and change."""
        self.cells.append(new_code_cell(textwrap.dedent(text).strip()))

    def broken(self, text: str) -> None:
        """Example code with a bug on purpose (PRIMM "find the bug"): it may fail when run.

        Marked in the cell metadata so the checker does not count its error against the
        model solution; the grader ignores errors outside graded cells anyway.
        """
        cell = new_code_cell(textwrap.dedent(text).strip())
        cell.metadata["kodefag"] = {"expected_error": True}
        self.cells.append(cell)

    def setup(self, text: str) -> None:
        """Locked code the notebook needs (data, imports) - pupils run it, not edit it."""
        cell = new_code_cell(textwrap.dedent(text).strip())
        cell.metadata.update(_meta(self._next_id("data"), grade=False, solution=False, locked=True))
        self.cells.append(cell)

    def solution(self, grade_id: str, text: str) -> None:
        """Code the pupil writes; the part between the markers is the model solution."""
        source = textwrap.dedent(text).strip()
        # exactly one region per cell, so a mutant replaces one answer unambiguously
        assert source.count(BEGIN_SOLUTION) == 1 and source.count(END_SOLUTION) == 1, grade_id
        cell = new_code_cell(source)
        cell.metadata.update(_meta(grade_id, grade=False, solution=True, locked=False))
        self.cells.append(cell)

    def tests(self, grade_id: str, points: int, visible: str, hidden: str) -> None:
        """An auto-graded test cell: visible checks for "Tjek", hidden ones for grading."""
        body = (
            textwrap.dedent(visible).strip() + "\n"
            + BEGIN_HIDDEN + "\n" + textwrap.dedent(hidden).strip() + "\n" + END_HIDDEN
        )
        source = checks_import(body) + "\n" + body
        cell = new_code_cell(source)
        cell.metadata.update(_meta(grade_id, grade=True, solution=False, locked=True, points=points))
        self.cells.append(cell)

    def answer(self, grade_id: str, points: int, model_answer: str) -> None:
        """A reflection answer in words, graded by the teacher; the model answer guides them."""
        source = BEGIN_SOLUTION + "\n" + textwrap.dedent(model_answer).strip() + "\n" + END_SOLUTION
        cell = new_markdown_cell(source)
        cell.metadata.update(_meta(grade_id, grade=True, solution=True, locked=False, points=points))
        self.cells.append(cell)

    def guess(self, grade_id: str, points: int, var: str, answer, wrong, *,
              options: tuple[str, ...] | None = None) -> None:
        """A PRIMM prediction or a multiple-choice item: the pupil writes ``var = ...``.

        Why "Tjek" only checks the *form* (a whole number, a text, one of the letters) and the
        hidden test checks the answer: a prediction is written before the program is run, and
        Tjek must not give the answer away (nor may the feedback - the hidden message never
        shows the expected value). ``wrong`` is a plausible wrong answer, kept as the mutant
        that proves the hidden test is what catches it.
        """
        self.solution(grade_id, f"""
            {BEGIN_SOLUTION}
            {var} = {_literal(answer)}
            {END_SOLUTION}
        """)
        if options:
            letters = ", ".join(options[:-1]) + " eller " + options[-1]
            visible = (f"check_true({var} in {list(options)!r}, "
                       f"'Skriv {letters} i anførselstegn, fx {var} = \"{options[0]}\"')")
            verdict = "Svaret er ikke rigtigt."
        elif isinstance(answer, bool):
            visible = f"check_true(type({var}) is bool, 'Skriv True eller False (uden anførselstegn).')"
            verdict = "Dit gæt passede ikke. Kør programmet og se, hvad der skete - kan du forklare det?"
        elif isinstance(answer, int):
            visible = f"check_true(type({var}) is int, 'Skriv dit gæt som et helt tal, fx {var} = 7')"
            verdict = "Dit gæt passede ikke. Kør programmet og se, hvad der skete - kan du forklare det?"
        else:
            visible = (f"check_true(type({var}) is str, "
                       f"'Skriv dit gæt som tekst i anførselstegn, fx {var} = \"hej\"')")
            verdict = "Dit gæt passede ikke. Kør programmet og se, hvad der skete - kan du forklare det?"
        self.tests(f"test-{grade_id}", points, visible, f"check_true({var} == {_literal(answer)}, {verdict!r})")
        self.mutant(grade_id, f"{var} = {_literal(wrong)}", f"test-{grade_id}", hidden_only=True)

    def mutant(self, solution_id: str, body: str, must_fail, hidden_only: bool = False) -> None:
        if isinstance(must_fail, str):
            must_fail = [must_fail]
        self.mutants.append(Mutant(solution_id, textwrap.dedent(body).strip(), list(must_fail), hidden_only))

    def notebook(self) -> nbformat.NotebookNode:
        nb = new_notebook(cells=[nbformat.from_dict(dict(cell)) for cell in self.cells])
        for index, cell in enumerate(nb.cells):
            cell["id"] = f"celle-{index:02d}"  # stable ids keep the committed file reproducible
        nb.metadata = {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "title": self.title,
        }
        return nb

    @property
    def points(self) -> int:
        return sum(c.metadata["nbgrader"].get("points", 0) for c in self.cells
                   if c.metadata.get("nbgrader", {}).get("grade"))


# --- transformations -------------------------------------------------------

_REGION = re.compile(r"^([ \t]*)### BEGIN SOLUTION\n.*?^[ \t]*### END SOLUTION[ \t]*$", re.S | re.M)
_HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS\n.*?^[ \t]*### END HIDDEN TESTS[ \t]*\n?", re.S | re.M)


def replace_solution(source: str, body: str) -> str:
    """Put ``body`` where the model solution is, indented like the markers."""
    def repl(match):
        return textwrap.indent(body, match.group(1), lambda line: True)
    return _REGION.sub(repl, source)


def starter_source(source: str) -> str:
    """What nbgrader releases for a solution cell."""
    return replace_solution(source, "# DIN KODE HER\nraise NotImplementedError()")


def visible_only(source: str) -> str:
    return _HIDDEN.sub("", source)


def code_cells(spec: NotebookSpec, *, starter=False, mutant: Mutant | None = None, hide=False):
    """The code cells as (grade_id or None, is_test, source) after a transformation."""
    out = []
    for cell in spec.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        source = cell.source
        if meta.get("solution"):
            if starter:
                source = starter_source(source)
            elif mutant is not None and mutant.solution_id == meta["grade_id"]:
                source = replace_solution(source, mutant.body)
        if meta.get("grade") and hide:
            source = visible_only(source)
        grade_id = BROKEN_ID if cell.metadata.get("kodefag", {}).get("expected_error") else meta.get("grade_id")
        out.append((grade_id, bool(meta.get("grade")), source))
    return out


_RUNNER = r'''
import json, sys, io, contextlib, signal
def _timeout(signum, frame):
    raise TimeoutError("cell ran too long")
signal.signal(signal.SIGALRM, _timeout)
programs = json.load(sys.stdin)
all_results = []
for cells in programs:
    ns = {"__name__": "__main__"}
    results = []
    for grade_id, is_test, source in cells:
        buf = io.StringIO()
        try:
            signal.alarm(CELL_TIMEOUT)
            with contextlib.redirect_stdout(buf):
                exec(compile(source, "<cell %s>" % grade_id, "exec"), ns)
            signal.alarm(0)
            results.append([grade_id, is_test, "ok", ""])
        except BaseException as exc:
            signal.alarm(0)
            results.append([grade_id, is_test, "error", type(exc).__name__ + ": " + str(exc)[:300]])
    all_results.append(results)
sys.__stdout__.write("\n@@RESULT@@" + json.dumps(all_results))
'''

#: seconds one cell may run in the checker; wrong answers may loop forever (like pupils' code)
CELL_TIMEOUT = 3


def run_programs(programs, timeout: float = 300) -> list:
    """Run each program (a list of cells) in its own namespace, all in one fresh Python process.

    One process for all variants of a notebook keeps the check fast; every variant still
    starts from an empty namespace. Returns, per program, [grade_id, is_test, status, message]
    per cell.
    """
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-c", _RUNNER.replace("CELL_TIMEOUT", str(CELL_TIMEOUT))],
            input=json.dumps(programs), capture_output=True,
            text=True, timeout=timeout, cwd=tmp, start_new_session=True,
        )
    marker = proc.stdout.rfind("@@RESULT@@")
    if marker < 0:
        raise RuntimeError(f"runner failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout[marker + len("@@RESULT@@"):])


def run_cells(cells, timeout: float = 120) -> list:
    """Run one program's cells in order in a fresh process."""
    return run_programs([cells], timeout)[0]


#: the short "how to work" box every notebook shows after its introduction
HOW_TO = """
**Sådan arbejder du:**
1. Læs eksemplet og kør cellen (Shift + Enter).
2. Skriv din kode der, hvor der står `# DIN KODE HER`, og slet linjen `raise NotImplementedError()`.
3. Kør test-cellen under opgaven. Står der ingen fejl, er du godt på vej. Tryk **Tjek** for at få feedback.
4. Tryk **Aflever**, når du er færdig.
"""
