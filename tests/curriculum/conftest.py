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
    "misconceptions": ["Robotten ved selv, hvor den skal hen. Den gør kun, hvad kortene siger."],
    "key_terms": {"algoritme": "en opskrift med trin i rækkefølge"},
    "subject_note": "Rækkefølge er den første byggesten i et program.",
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
        "subjects": ["matematik"],
        "signs": {"foelger-kort": "Eleven kan følge kortene et ad gangen."},
        "guide": dict(GUIDE),
    }


KOPIARK = """pages:
  - kind: cards
    title: Pilekort
    print: "Ét ark pr. gruppe."
    cards:
      - {figure: {arrow: up}, text: Frem}
"""


def description(lessons=1, points=0):
    """A minimal unplugged description: the facts line and what to bring."""
    facts = f"**Tid:** {lessons} lektioner" + (f" · **Point:** {points}" if points else "")
    return f"# Aktivitet\n\n{facts}\n\n## Materialer\n- papir\n"


class MiniCurriculum:
    """A writable curriculum tree in tmp_path: real areas.yaml, small grade files."""

    def __init__(self, root: Path):
        self.root = root
        (root / "curriculum" / "grades").mkdir(parents=True)
        (root / "curriculum" / "unplugged").mkdir()
        for name in ("areas.yaml", "subjects.yaml"):
            shutil.copy(REPO_ROOT / "curriculum" / name, root / "curriculum" / name)

    def write_grade(self, grade, activities, write_content=True):
        path = self.root / "curriculum" / "grades" / f"grade-{grade}.yaml"
        data = {"grade": grade, "title": f"{grade}. klasse", "activities": activities}
        return self._write_plan(path, data, activities, write_content)

    def write_track(self, name, activities, goals=None, grades=(7, 8, 9), write_content=True):
        """A track file (like the valgfag) with its own goals."""
        path = self.root / "curriculum" / "tracks" / f"{name}.yaml"
        path.parent.mkdir(exist_ok=True)
        goals = goals or [{"id": f"{name}-1", "text": "Eleven kan programmere en lille ting.",
                           "levels": ["Eleven kan ændre et program.", "Eleven kan skrive et program selv."]}]
        data = {"track": name, "title": f"Sporet {name}", "grades": list(grades), "provisional": True,
                "goals": goals, "activities": activities}
        return self._write_plan(path, data, activities, write_content)

    def _write_plan(self, path, data, activities, write_content):
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        if write_content:
            for activity in activities:
                if activity.get("kind") == "unplugged" and "id" in activity:
                    content = self.root / activity["content"]
                    content.write_text(description(activity["lessons"], activity["points"]), encoding="utf-8")
                    self.write_kopiark(activity["id"], KOPIARK)
        return path

    def write_kopiark(self, activity_id, text):
        folder = self.root / "curriculum" / "kopiark"
        folder.mkdir(exist_ok=True)
        (folder / f"{activity_id}.yaml").write_text(text, encoding="utf-8")

    unplugged = staticmethod(unplugged)


@pytest.fixture
def mini(tmp_path):
    return MiniCurriculum(tmp_path)
