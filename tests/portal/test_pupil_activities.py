"""Mine aktiviteter: what a pupil sees of their activities (portal page and JupyterLab share it)."""
import datetime as dt
import io
import tarfile

import nbformat
import pytest
from sqlalchemy import select

from kodefag.exercises import exercise_names
from kodefag.kinds import KINDS, Kind
from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Release, SchoolClass, Status, Submission, progress_row
from kodefag.task_text import pupil_text
from kodefag.teacher_portal.pupil_activities import game_archive, local_text, pupil_activities
from kodefag.teacher_portal.roster import find_user

GAMES = sorted((REPO_ROOT / KINDS[Kind.pgzero].content_root).glob("*/README.md"))
LESSONS = sorted((REPO_ROOT / KINDS[Kind.microbit].content_root).glob("*/README.md"))


@pytest.mark.parametrize("readme", GAMES + LESSONS, ids=lambda p: p.parent.name)
def test_teacher_text_never_reaches_the_pupil(readme):
    text = readme.read_text(encoding="utf-8")
    shown = pupil_text(text)
    assert "Til læreren" not in shown and "Typiske fejl" not in shown.replace("typiske fejl", "")
    assert shown.splitlines()[0] == text.splitlines()[0]  # the task itself stays
    assert len(shown) > 100


def test_pupil_text_keeps_sections_after_a_teacher_section():
    text = "# Spil\n\nGør det.\n\n## Til læreren\nFacit her.\n### Typiske fejl\nx\n\n# Ekstra\nPrøv mere.\n"
    assert pupil_text(text) == "# Spil\n\nGør det.\n\n# Ekstra\nPrøv mere.\n"


def test_a_game_project_reaches_the_pupil_complete():
    release = Release(activity_id="spil-fang-aeblet", kind="pgzero", title="Fang æblet")
    with tarfile.open(fileobj=io.BytesIO(game_archive(release)), mode="r:gz") as archive:
        names = set(archive.getnames())
        project = REPO_ROOT / "games/projects/spil-fang-aeblet"
        assets = {str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()
                  and p.parts[-2] in ("images", "sounds")}
        assert assets and assets <= names
        assert {"starter.py", "README.md", "spil.ipynb"} <= names
        assert "solution.py" not in names and "checks.yaml" not in names
        task = archive.extractfile("README.md").read().decode()
        assert "Det skal du lave" in task and "Til læreren" not in task
        notebook = nbformat.reads(archive.extractfile("spil.ipynb").read().decode(), as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kodefag"]["kind"] == "pgzero"
    assert 'play("starter.py")' in notebook.cells[1].source
    assert "Til læreren" not in nbformat.writes(notebook)


def test_exercises_are_named_by_the_heading_the_pupil_reads():
    notebook = nbformat.read(REPO_ROOT / "notebooks/g5-lister-og-loekker/g5-lister-og-loekker.ipynb", as_version=4)
    names = exercise_names(notebook)
    assert names["test-samlet-point"] == "Opgave 1: Læg sammen"
    assert names["forklaring"] == "Opgave 3: Forklar med dine egne ord"


def test_local_text_is_danish_local_time():
    assert local_text(dt.datetime(2026, 12, 3, 13, 35)) == "torsdag 3. december kl. 14.35"  # CET
    assert local_text(dt.datetime(2026, 6, 1, 10, 0)) == "mandag 1. juni kl. 12.00"  # CEST
    assert local_text(None) == ""


def test_pupil_sees_open_activities_of_own_class_with_feedback(seeded):
    now = dt.datetime(2026, 12, 3, 14, 0)
    with session_scope(seeded.database_url) as db:
        pupil = find_user(db, "elev5a01")
        own = db.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        other = db.scalar(select(SchoolClass).where(SchoolClass.slug == "5b"))
        game = Release(class_id=own.id, activity_id="spil-labyrint", kind="pgzero", title="Labyrinten",
                       max_score=10, released_at=now - dt.timedelta(days=3), deadline=dt.datetime(2026, 12, 1, 22, 59))
        not_yet = Release(class_id=own.id, activity_id="mb-skridttaeller", kind="microbit", title="Skridttæller",
                          max_score=5, released_at=now, opens_at=now + dt.timedelta(days=1))
        elsewhere = Release(class_id=other.id, activity_id="spil-labyrint", kind="pgzero", title="Andres labyrint",
                            max_score=10, released_at=now)
        db.add_all([game, not_yet, elsewhere])
        db.flush()
        result = {"score": 4, "max_score": 10, "cells": [
            {"grade_id": "mus-flytter", "label": "Musen flytter sig", "score": 4, "max_score": 4, "status": "passed"},
            {"grade_id": "ost", "score": 0, "max_score": 6, "status": "failed", "message": "Musen fandt ikke osten."}]}
        submission = Submission(release_id=game.id, pupil_id=pupil.id, submitted_at=dt.datetime(2026, 12, 3, 13, 35),
                                timestamp="t", folder="/ikke-brugt", status=Status.graded, score=4, max_score=10,
                                result=result, teacher_comment="Flot bane!")
        db.add(submission)
        db.flush()
        progress = progress_row(db, pupil.id, game)
        progress.status, progress.score, progress.attempts = Status.graded, 4, 2
        progress.last_submission_id = submission.id
        db.flush()

        activities = pupil_activities(db, seeded, pupil, now=now)
        assert [a.release.title for a in activities] == ["Labyrinten"]  # not before opens_at, not another class
        shown = activities[0].as_json()
        assert shown["kind_label"] == "Spilprojekt" and shown["status_label"] == "Rettet"
        assert (shown["score"], shown["max_score"], shown["attempts"]) == (4, 10, 2)
        assert shown["deadline_text"] == "tirsdag 1. december kl. 23.59"
        assert shown["handed_in_text"] == "torsdag 3. december kl. 14.35" and shown["late"] is True
        assert shown["teacher_comment"] == "Flot bane!"
        assert [(e["name"], e["passed"], e["message"]) for e in shown["exercises"]] == [
            ("Musen flytter sig", True, None), ("ost", False, "Musen fandt ikke osten.")]
        later = pupil_activities(db, seeded, pupil, now=now + dt.timedelta(days=2))
        assert [a.release.title for a in later] == ["Labyrinten", "Skridttæller"]
