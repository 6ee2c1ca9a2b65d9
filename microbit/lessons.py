"""The micro:bit lessons shipped in ``microbit/lessons/<id>/``.

Each lesson folder holds ``starter.py`` (what the pupil starts from),
``solution.py`` (reference), ``scenarios.yaml`` (simulator checks) and
``README.md`` (Danish text for the pupil).
"""
from __future__ import annotations

import re
from pathlib import Path

LESSONS_DIR = Path(__file__).resolve().parent / "lessons"
LESSON_ID = re.compile(r"^mb-[a-z0-9-]+$")


def lesson_dir(lesson_id: str) -> Path | None:
    """The folder of a lesson, or None for unknown (or malicious) ids."""
    if not LESSON_ID.match(lesson_id or ""):
        return None
    path = LESSONS_DIR / lesson_id
    return path if (path / "starter.py").is_file() else None


def title_of(path: Path) -> str:
    """The README's first heading (the lesson's Danish title)."""
    try:
        for line in (path / "README.md").read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                return line.lstrip("#").strip()
    except OSError:
        pass
    return path.name


def list_lessons() -> list[dict]:
    """[{"id", "title", "grade"}] sorted by grade."""
    lessons = []
    for path in sorted(LESSONS_DIR.glob("mb-*")):
        if (path / "starter.py").is_file():
            import yaml

            meta = {}
            scenarios = path / "scenarios.yaml"
            if scenarios.is_file():
                meta = yaml.safe_load(scenarios.read_text(encoding="utf-8")) or {}
            lessons.append({"id": path.name, "title": title_of(path), "grade": meta.get("grade")})
    return sorted(lessons, key=lambda item: (item["grade"] or 0, item["id"]))
