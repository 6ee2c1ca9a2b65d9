"""Grading time limits come from the activity when it sets them, else from the school."""
from kodefag.settings import Settings
from kodefag.teacher_portal.submissions import grading_limits


def test_activity_limits_override_the_school_defaults(tmp_path):
    settings = Settings(var_dir=tmp_path, cell_timeout=10, notebook_timeout=60)
    assert limits(grading_limits(settings, "g7-soeg-og-sorter")) == (20, 120)
    assert limits(grading_limits(settings, "g5-lister-og-loekker")) == (10, 60)
    assert limits(grading_limits(Settings(var_dir=tmp_path, cell_timeout=5, notebook_timeout=30),
                                 "g5-lister-og-loekker")) == (5, 30)


def limits(time_limits):
    return time_limits.cell_seconds, time_limits.notebook_seconds
