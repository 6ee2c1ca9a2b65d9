"""What a pupil calls the exercises of a notebook: the heading above each graded cell.

nbgrader knows a graded cell by its grade_id ("test-samlet-point"); the pupil knows it
as "Opgave 1: Læg sammen", the heading they read above it. The portal's feedback and
the pupil's Tjek both name exercises this one way.
"""
import re

HEADING = re.compile(r"^#{1,4}\s+(.+)$", re.MULTILINE)


def exercise_names(notebook) -> dict[str, str]:
    """grade_id -> the nearest markdown heading above the graded cell (an nbformat notebook)."""
    names, heading = {}, None
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            match = HEADING.search(cell.source)
            if match:
                heading = match.group(1).strip()
        info = cell.metadata.get("nbgrader", {})
        if info.get("grade") and heading:
            names[info["grade_id"]] = heading
    return names
