"""The activity kinds: one row per kind, the one table everyone reads.

A kind says what an activity *is* to the platform: where its content lives in
the repository, which file a pupil's hand-in is stored and graded as, what a
Danish reader calls it, and who grades it. The queue, the portal, the
curriculum validator and the CLI all read this table instead of keeping their
own copies (they used to, and the copies disagreed).

The graders themselves are not named here: this module is the floor every
component stands on, and graders sit above it. The worker
(:mod:`kodefag.worker`) is the one place that maps a kind to its grader, and a
test checks that every kind graded by the worker has one.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass


class Kind(str, enum.Enum):
    """Every kind of activity the curriculum can hold."""

    notebook = "notebook"
    pgzero = "pgzero"
    microbit = "microbit"
    unplugged = "unplugged"

    def __str__(self) -> str:  # so f-strings and paths read "notebook", not "Kind.notebook"
        return self.value


@dataclass(frozen=True)
class ActivityKind:
    """What the platform needs to know about one kind of activity."""

    kind: Kind
    #: what a teacher or pupil calls it (Danish), e.g. "Notesbog"
    label: str
    #: the same in a running sentence ("en notesbog", "et spilprojekt")
    label_in_sentence: str
    #: repository folder holding the activities' content
    content_root: str
    #: files the content folder of one activity must hold ("{id}" is the activity id)
    content_files: tuple[str, ...]
    #: the file a pupil's code hand-in is stored and graded as; None for kinds
    #: handed in otherwise (notebooks through the exchange) or not at all
    code_file: str | None
    #: "worker" (a grading job on the queue) or "teacher" (checked off in the portal)
    graded_by: str

    def content_path(self, activity_id: str) -> str:
        """The repository-relative content of one activity (a folder, or a file for unplugged)."""
        if self.kind is Kind.unplugged:
            return f"{self.content_root}/{activity_id}.md"
        return f"{self.content_root}/{activity_id}"

    @property
    def handed_in_as_code(self) -> bool:
        return self.code_file is not None


KINDS: dict[Kind, ActivityKind] = {
    Kind.notebook: ActivityKind(
        kind=Kind.notebook, label="Notesbog", label_in_sentence="notesbog",
        content_root="notebooks", content_files=("{id}.ipynb",), code_file=None, graded_by="worker",
    ),
    Kind.pgzero: ActivityKind(
        kind=Kind.pgzero, label="Spilprojekt", label_in_sentence="spilprojekt",
        content_root="games/projects", content_files=("starter.py", "solution.py", "checks.yaml", "README.md"),
        code_file="spil.py", graded_by="worker",
    ),
    Kind.microbit: ActivityKind(
        kind=Kind.microbit, label="micro:bit", label_in_sentence="micro:bit-lektion",
        content_root="microbit/lessons", content_files=("starter.py", "solution.py", "scenarios.yaml", "README.md"),
        code_file="main.py", graded_by="worker",
    ),
    Kind.unplugged: ActivityKind(
        kind=Kind.unplugged, label="Aktivitet uden computer", label_in_sentence="aktivitet uden computer",
        content_root="curriculum/unplugged", content_files=(), code_file=None, graded_by="teacher",
    ),
}

#: kinds whose hand-ins are graded by the workers, in table order
GRADED_KINDS: tuple[Kind, ...] = tuple(kind for kind, row in KINDS.items() if row.graded_by == "worker")


def kind_of(name: str | Kind) -> ActivityKind:
    """The row for a kind name, or ValueError naming the known kinds."""
    try:
        return KINDS[Kind(name)]
    except ValueError:
        raise ValueError(f"unknown activity kind {name!r}; expected one of {[k.value for k in KINDS]}") from None


def label(name: str | Kind) -> str:
    """The Danish label of a kind (for templates and CLI output)."""
    return kind_of(name).label
