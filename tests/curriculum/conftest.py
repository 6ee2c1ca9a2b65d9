"""Fixtures: a small curriculum in a temporary folder, copied from the real areas."""
import shutil
from pathlib import Path

import pytest
import yaml

from kodefag.settings import REPO_ROOT

GUIDE = {
    "goal": "Eleverne lærer at give instruktioner i rækkefølge.",
    "time": "1 lektion: 10 min intro, 30 min arbejde, 5 min opsamling.",
    "preparation": "Print pilekort.",
    "weaker": "Arbejd i par med færre kort.",
    "stronger": "Tilføj en gentagelse.",
    "discussion": ["Hvad skete der, da rækkefølgen blev byttet om?"],
}


def unplugged(activity_id, goals, lessons=1, prerequisites=()):
    return {
        "id": activity_id,
        "title": f"Aktivitet {activity_id}",
        "kind": "unplugged",
        "goals": list(goals),
        "lessons": lessons,
        "points": 0,
        "prerequisites": list(prerequisites),
        "content": f"curriculum/unplugged/{activity_id}.md",
        "guide": dict(GUIDE),
    }


class MiniCurriculum:
    """A writable curriculum tree in tmp_path: real areas.yaml, small grade files."""

    def __init__(self, root: Path):
        self.root = root
        (root / "curriculum" / "grades").mkdir(parents=True)
        (root / "curriculum" / "unplugged").mkdir()
        shutil.copy(REPO_ROOT / "curriculum" / "areas.yaml", root / "curriculum" / "areas.yaml")

    def write_grade(self, grade, activities, write_content=True):
        path = self.root / "curriculum" / "grades" / f"grade-{grade}.yaml"
        data = {"grade": grade, "title": f"{grade}. klasse", "activities": activities}
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if write_content:
            for activity in activities:
                if activity["kind"] == "unplugged":
                    content = self.root / activity["content"]
                    content.write_text("# Aktivitet\n\n## Materialer\n- papir\n", encoding="utf-8")
        return path

    unplugged = staticmethod(unplugged)


@pytest.fixture
def mini(tmp_path):
    return MiniCurriculum(tmp_path)
