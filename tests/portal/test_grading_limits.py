"""Grading time limits: the activity's own, else measured from its model solution, else the school's."""
from kodefag.curriculum import time_limits
from kodefag.curriculum.loader import cached_curriculum
from kodefag.settings import Settings
from kodefag.teacher_portal.submissions import grading_limits


def test_own_then_measured_then_the_school_defaults(tmp_path):
    settings = Settings(var_dir=tmp_path, cell_timeout=10, notebook_timeout=60)
    assert limits(grading_limits(settings, "g7-soeg-og-sorter")) == (20, 120)  # set in the year plan
    measured = time_limits.read(cached_curriculum())["g5-lister-og-loekker"]
    assert limits(grading_limits(settings, "g5-lister-og-loekker")) == (measured.cell_seconds,
                                                                        measured.notebook_seconds)
    assert measured.cell_seconds < 10  # the point: an endless loop costs seconds, not the flat default
    assert limits(grading_limits(Settings(var_dir=tmp_path, cell_timeout=5, notebook_timeout=30),
                                 "mb-navneskilt")) == (5, 30)  # nothing to measure: the school's


def limits(time_limits):
    return time_limits.cell_seconds, time_limits.notebook_seconds
