"""Which classes the bell treats as "at their lesson": weekly slots in Danish local time."""
import datetime as dt

import pytest
from sqlalchemy import select

from kodefag.teacher_portal.bell import classes_near_lesson
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import LessonSlot, SchoolClass

UTC = dt.timezone.utc
FIVE = dt.timedelta(minutes=5)


@pytest.fixture
def tuesday_lesson(seeded):
    """5.A has its lesson on Tuesdays 10:00-10:45 (local time)."""
    with session_scope(seeded.database_url) as session:
        class_id = session.scalar(select(SchoolClass.id).where(SchoolClass.slug == "5a"))
        session.add(LessonSlot(class_id=class_id, weekday=1, starts="10:00", ends="10:45"))
    return seeded.database_url


def near(url, now, until_end=True):
    with session_scope(url) as session:
        return [c.name for c in classes_near_lesson(session, now, FIVE, until_end=until_end)]


@pytest.mark.parametrize("utc_time, expected", [
    # 8 Dec 2026 is a Tuesday in winter time (UTC+1): the lesson is 09:00-09:45 UTC
    (dt.datetime(2026, 12, 8, 8, 56, tzinfo=UTC), ["5.A"]),  # 4 minutes before: servers start
    (dt.datetime(2026, 12, 8, 8, 54, tzinfo=UTC), []),  # 6 minutes before: too early
    (dt.datetime(2026, 12, 8, 9, 44, tzinfo=UTC), ["5.A"]),  # last minute of the lesson
    (dt.datetime(2026, 12, 8, 9, 45, tzinfo=UTC), []),  # the lesson is over
    (dt.datetime(2026, 12, 7, 9, 10, tzinfo=UTC), []),  # Monday
    # 7 July 2026 is a Tuesday in summer time (UTC+2): the lesson is 08:00-08:45 UTC
    (dt.datetime(2026, 7, 7, 8, 10, tzinfo=UTC), ["5.A"]),
    (dt.datetime(2026, 7, 7, 9, 10, tzinfo=UTC), []),
])
def test_lesson_in_local_danish_time(tuesday_lesson, utc_time, expected):
    assert near(tuesday_lesson, utc_time) == expected


def test_servers_are_started_only_around_the_start_of_the_lesson(tuesday_lesson):
    assert near(tuesday_lesson, dt.datetime(2026, 12, 8, 9, 4, tzinfo=UTC), until_end=False) == ["5.A"]
    # later in the lesson a pupil who stopped their own server is not started again
    assert near(tuesday_lesson, dt.datetime(2026, 12, 8, 9, 20, tzinfo=UTC), until_end=False) == []
