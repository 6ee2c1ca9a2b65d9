"""Write (and check) the grade 4-9 notebooks (and the kompetencetjek) from their builder modules.

    .venv/bin/python -m notebooks._build.build          # write notebooks/<id>/<id>.ipynb
    .venv/bin/python -m notebooks._build.build --check  # also run solution, starter and mutants

A module defines ``build()`` (one notebook) or ``build_all()`` (several notebooks from one
item bank, like the kompetencetjek); it may also define ``files()`` for other generated content
(repository path -> text), which is written and pinned the same way.
"""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import nbformat

from . import nbkit

HERE = Path(__file__).resolve().parent

NOTEBOOK_MODULES = [
    "kompetencetjek",
    "g4_variabler",
    "g4_python_regnemaskine",
    "g4_hvis_saa",
    "g4_gentag",
    "g4_gaet_koer_ret",
    "g5_klassens_data",
    "g5_robotten",
    "g5_gaet_mit_tal",
    "g5_hemmelige_beskeder",
    "g5_traen_en_klassifikator",
    "g6_adgangskoder",
    "g6_sorter",
    "g6_hvem_faar_pladsen",
    "g6_pak_billedet",
    "g6_spamfilter",
    "g7_fejljagt",
    "g7_hvorfor_ser_jeg_videoen",
    "g7_soeg_og_sorter",
    "g7_tekst_og_tegn",
    "g7_koeen_i_kantinen",
    "g7_kontrast_og_farver",
    "g8_appens_data",
    "g8_rens_maalingerne",
    "g8_chatbot",
    "g8_sprogmodel",
    "g9_skaev_ai",
    "g9_rygter",
    "g9_kryptering",
    "g9_kan_man_stole_paa_ai",
    "valgfag_kom_i_gang",
    "valgfag_data",
]


REPO = HERE.parent.parent


def _modules():
    return [importlib.import_module(f"{__package__}.{name}") for name in NOTEBOOK_MODULES if (HERE / f"{name}.py").exists()]


def specs():
    """Every notebook spec whose builder module exists, in plan order."""
    out = []
    for module in _modules():
        out.extend(module.build_all() if hasattr(module, "build_all") else [module.build()])
    return out


def other_files() -> dict[str, str]:
    """Generated files that are not notebooks (repository path -> text)."""
    out = {}
    for module in _modules():
        if hasattr(module, "files"):
            out.update(module.files())
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
        if status != "ok" and gid != nbkit.BROKEN_ID:
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
    for relative, text in other_files().items():
        (REPO / relative).write_text(text, encoding="utf-8")
        print(f"wrote {relative}")
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
