"""The one rule for task texts: sections written for the teacher never reach a pupil.

Game projects and micro:bit lessons keep the pupil's task and a short part for the
teacher ("Til læreren", typical mistakes, the answer) in one README.md. Every page,
archive and notebook that shows such a text to a pupil passes it through
``pupil_text`` first; only staff see the whole file.
"""
import re

#: headings of sections written for the teacher; the section and everything under it is left out
TEACHER_HEADINGS = ("til læreren", "til lærere", "lærervejledning", "typiske fejl", "facit")


def pupil_text(markdown: str) -> str:
    """Markdown without the sections meant for the teacher (a heading names them, any level)."""
    kept, skip_level = [], None
    for line in markdown.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)", line)
        if heading:
            level, title = len(heading.group(1)), heading.group(2).strip().lower()
            if skip_level is not None and level <= skip_level:
                skip_level = None
            if skip_level is None and title.startswith(TEACHER_HEADINGS):
                skip_level = level
        elif skip_level is None and re.match(r"^\s*[-*]\s+(\*\*)?typiske fejl", line, re.IGNORECASE):
            continue  # a "Typiske fejl:" bullet outside a teacher section
        if skip_level is None:
            kept.append(line)
    return "\n".join(kept).rstrip() + "\n"
