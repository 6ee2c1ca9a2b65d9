"""Releasing an activity to a class.

For a notebook activity this is nbgrader's own generate_assignment: the source
notebook (with solutions and hidden tests) is copied into the class's course
folder, and nbgrader writes the pupils' version to release/<activity>/, which
the exchange API hands out. The course id is the class slug ("5a").
"""
import shutil
from pathlib import Path

import nbformat
from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.orm import Session
from traitlets.config import Config

from kodefag.curriculum.schema import Activity
from kodefag.environment import put_own_scripts_on_path
from kodefag.settings import REPO_ROOT, Settings

from .models import Release, SchoolClass, User, progress_row

CODE_STUB = "# DIN KODE HER\nraise NotImplementedError()"
TEXT_STUB = "SKRIV DIT SVAR HER"


class ReleaseError(Exception):
    """Releasing failed; the message is Danish and meant for the teacher."""


def course_dir(settings: Settings, school_class: SchoolClass) -> Path:
    return settings.courses_dir / school_class.slug


def nbgrader_config(settings: Settings, school_class: SchoolClass) -> Config:
    config = Config()
    config.CourseDirectory.root = str(course_dir(settings, school_class))
    config.CourseDirectory.course_id = school_class.slug
    config.ClearSolutions.code_stub = {"python": CODE_STUB}
    config.ClearSolutions.text_stub = TEXT_STUB
    return config


def notebook_max_score(path: Path) -> float:
    """Sum of the points of every graded cell in an nbgrader source notebook."""
    notebook = nbformat.read(path, as_version=4)
    return float(sum(cell.metadata.get("nbgrader", {}).get("points", 0) or 0
                     for cell in notebook.cells if cell.metadata.get("nbgrader", {}).get("grade")))


def source_notebooks(content_dir: Path) -> list[Path]:
    return sorted(content_dir.glob("*.ipynb"))


def release_notebook(settings: Settings, school_class: SchoolClass, activity_id: str, content_dir: Path) -> float:
    """Run nbgrader generate_assignment for the class; return the max score."""
    from nbgrader.apps import NbGraderAPI

    put_own_scripts_on_path()
    notebooks = source_notebooks(content_dir)
    if not notebooks:
        raise ReleaseError(gettext("Aktiviteten %(activity_id)s har ingen notesbog i %(content_dir)s.",
                                   activity_id=activity_id, content_dir=content_dir))
    source = course_dir(settings, school_class) / "source" / activity_id
    if source.exists():
        shutil.rmtree(source)
    shutil.copytree(content_dir, source, ignore=shutil.ignore_patterns(".*", "__pycache__"))
    api = NbGraderAPI(config=nbgrader_config(settings, school_class))
    result = api.generate_assignment(activity_id, force=True, create=True)
    if not result["success"]:  # nbgrader's api never raises: check success
        raise ReleaseError(gettext("nbgrader kunne ikke lave opgaven %(activity_id)s: %(error)s",
                                   activity_id=activity_id, error=result.get('error') or result.get('log')))
    return sum(notebook_max_score(path) for path in notebooks)


def released_folder(settings: Settings, school_class: SchoolClass, activity_id: str) -> Path:
    return course_dir(settings, school_class) / "release" / activity_id


def release_activity(session: Session, settings: Settings, school_class: SchoolClass, activity: Activity,
                     released_by: User | None = None) -> Release:
    """Release (or re-release) a curriculum activity to a class and give every pupil a progress row."""
    activity_id, title, kind, content = activity.id, activity.title, activity.kind, activity.content
    content_dir = (REPO_ROOT / content).resolve()
    if not content_dir.exists():
        raise ReleaseError(gettext("Indholdet til aktiviteten %(activity_id)s findes ikke (%(content)s).",
                                   activity_id=activity_id, content=content))
    if kind == "notebook":
        max_score = release_notebook(settings, school_class, activity_id, content_dir)
    else:
        max_score = float(activity.points)
    release = session.scalar(select(Release).where(
        Release.class_id == school_class.id, Release.activity_id == activity_id))
    if release is None:
        release = Release(class_id=school_class.id, activity_id=activity_id)
        session.add(release)
    release.kind, release.title, release.max_score = kind, title, max_score
    release.released_by_id = released_by.id if released_by else None
    session.flush()
    for pupil in school_class.pupils:
        progress_row(session, pupil.id, release)
    return release
