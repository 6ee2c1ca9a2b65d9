"""Write (and check) the grade 5-9 notebooks from their builder modules.

    .venv/bin/python notebooks/_build/build.py          # write notebooks/<id>/<id>.ipynb
    .venv/bin/python notebooks/_build/build.py --check  # also run solution, starter and mutants
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import nbkit  # noqa: E402

NOTEBOOK_MODULES = [
    "g5_hemmelige_beskeder",
    "g5_klassens_data",
    "g5_robotten",
    "g6_adgangskoder",
    "g6_hvem_faar_pladsen",
    "g6_pak_billedet",
    "g7_hvorfor_ser_jeg_videoen",
    "g7_soeg_og_sorter",
    "g7_kontrast_og_farver",
    "g8_appens_data",
    "g8_rens_maalingerne",
    "g8_chatbot",
    "g9_skaev_ai",
    "g9_rygter",
    "g9_kryptering",
]


def specs():
    """Every notebook spec whose builder module exists, in plan order."""
    out = []
    for name in NOTEBOOK_MODULES:
        if (HERE / f"{name}.py").exists():
            out.append(importlib.import_module(name).build())
    return out


def notebook_path(spec) -> Path:
    return HERE.parent / spec.nb_id / f"{spec.nb_id}.ipynb"


def render(spec) -> str:
    return nbformat.writes(spec.notebook()) + "\n"


def check(spec) -> list[str]:
    """Problems with a notebook's tests; empty when solution, starter and mutants behave."""
    programs = [nbkit.code_cells(spec), nbkit.code_cells(spec, starter=True)]
    for mutant in spec.mutants:
        programs.append(nbkit.code_cells(spec, mutant=mutant))
        programs.append(nbkit.code_cells(spec, mutant=mutant, hide=True))
    solution, starter, *variants = nbkit.run_programs(programs)

    problems = []
    for gid, is_test, status, msg in solution:
        if status != "ok":
            problems.append(f"{spec.nb_id}: model solution fails in {gid}: {msg}")
    for gid, is_test, status, msg in starter:
        if is_test and status == "ok":
            problems.append(f"{spec.nb_id}: starter passes test {gid}")
    caught = set()
    for index, mutant in enumerate(spec.mutants):
        full = {g: s for g, t, s, m in variants[2 * index] if t}
        visible = {g: s for g, t, s, m in variants[2 * index + 1] if t}
        for gid in mutant.must_fail:
            if full.get(gid) != "error":
                problems.append(f"{spec.nb_id}: mutant of {mutant.solution_id} passes {gid}: {mutant.body[:60]!r}")
            if mutant.hidden_only and visible.get(gid) != "ok":
                problems.append(f"{spec.nb_id}: hidden-only mutant of {mutant.solution_id} fails visible {gid}")
            caught.add(gid)
    tests = [c.metadata["nbgrader"]["grade_id"] for c in spec.cells
             if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    for gid in tests:
        if gid not in caught:
            problems.append(f"{spec.nb_id}: no mutant probes test {gid}")
    if not any(m.hidden_only for m in spec.mutants):
        problems.append(f"{spec.nb_id}: no mutant shows the hidden tests catch more than the visible ones")
    return problems


def main(argv) -> int:
    failed = False
    for spec in specs():
        path = notebook_path(spec)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(spec), encoding="utf-8")
        print(f"wrote {path.relative_to(HERE.parent.parent)} ({spec.points} point)")
        if "--check" in argv:
            for problem in check(spec):
                failed = True
                print("  PROBLEM:", problem)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
