"""kodefag.curriculum - the curriculum as data (areas, goals, year plans) and its validator.

Use :func:`load_curriculum` to read it::

    from kodefag.curriculum import load_curriculum
    curriculum = load_curriculum()
    plan = curriculum.plan(5)
    activity = curriculum.activity("g5-lister-og-loekker")
"""
from .loader import Curriculum, CurriculumError, Problem, load_curriculum, read_curriculum

__all__ = ["Curriculum", "CurriculumError", "Problem", "load_curriculum", "read_curriculum"]
