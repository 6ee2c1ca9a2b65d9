"""Pieces of the teacher's pages that need no hub: the sanitized notebook preview, the one
local-time filter, the class matrix's filters and sorting."""
import datetime as dt

import nbformat
from sqlalchemy import select

from kodefag.settings import REPO_ROOT, Settings
from kodefag.teacher_portal import local_time
from kodefag.teacher_portal.app import create_app
from kodefag.teacher_portal.class_matrix import build_matrix
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Progress, Release, SchoolClass, Status
from kodefag.teacher_portal.notebook_preview import render_notebook

ACTIVITY = "g5-lister-og-loekker"


def test_the_preview_keeps_the_work_and_drops_active_content():
    notebook = nbformat.read(REPO_ROOT / "notebooks" / ACTIVITY / f"{ACTIVITY}.ipynb", as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(
        "Mit svar <script>alert(1)</script><img src=x onerror=alert(2)><iframe src=/hub/admin></iframe>"
        "<style>body{display:none}</style><form action=/x><button>Send</button></form> ![](http://spion.example/a.png)"))
    code = nbformat.v4.new_code_cell("print('hej')")
    code.outputs = [nbformat.v4.new_output("display_data", {"text/html": "<b>fed</b><script>steal()</script>",
                                                            "text/plain": "fed"})]
    notebook.cells.append(code)
    html = render_notebook(nbformat.writes(notebook))
    assert "Lister og løkker" in html and "Mit svar" in html and "<b>fed</b>" in html
    for active in ("<script", "onerror", "<iframe", "<style", "<form", "<button"):
        assert active not in html.lower(), active
    assert 'src="http://spion.example/a.png"' in html  # left to the page's CSP, tested in the browser


def test_local_time_is_the_one_shared_filter_and_follows_summer_time(tmp_path):
    app = create_app(Settings(var_dir=tmp_path))
    assert app.jinja_env.filters["local_time"] is local_time.local_time
    assert local_time.local_time(dt.datetime(2026, 12, 3, 14, 5)) == "03.12.2026 15:05"
    assert local_time.local_time(dt.datetime(2026, 7, 1, 10, 0), "%H:%M") == "12:00"
    assert local_time.local_time(None) == ""


def test_matrix_filters_by_competence_area_and_sorts(seeded):
    with session_scope(seeded.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        lists = Release(class_id=school_class.id, activity_id=ACTIVITY, kind="notebook", title="Lister", max_score=6)
        unplugged = Release(class_id=school_class.id, activity_id="g5-maa-jeg-dele-det", kind="unplugged",
                            title="Må jeg dele det?", max_score=1)
        session.add_all([lists, unplugged])
        session.flush()
        low = sorted(school_class.pupils, key=lambda p: p.display_name)[-1]
        for pupil in school_class.pupils:
            session.add(Progress(pupil_id=pupil.id, release_id=lists.id, status=Status.graded, max_score=6,
                                 score=1 if pupil is low else 5))
        session.flush()
        columns, rows, areas = build_matrix(session, school_class)
        assert [c.release.activity_id for c in columns] == [ACTIVITY, "g5-maa-jeg-dele-det"]
        assert "computationel" in areas and "myndiggoerelse" in areas
        names = [r.pupil.display_name for r in rows]
        assert names == sorted(names)
        only, _, _ = build_matrix(session, school_class, area="myndiggoerelse")
        assert [c.release.activity_id for c in only] == ["g5-maa-jeg-dele-det"]
        _, by_score, _ = build_matrix(session, school_class, sort="point")
        assert by_score[0].pupil.username == low.username and by_score[0].score == 1


def test_matrix_shows_the_releases_of_this_school_year_unless_asked_for_all(seeded):
    with session_scope(seeded.database_url) as session:
        school_class = session.scalar(select(SchoolClass).where(SchoolClass.slug == "5a"))
        year_start = dt.datetime(2026, 7, 31, 22)  # 1 August, Danish time
        last_year = Release(class_id=school_class.id, activity_id="g3-dansealgoritmer", kind="unplugged",
                            title="Dansealgoritmer", max_score=1, released_at=year_start - dt.timedelta(days=200))
        this_year = Release(class_id=school_class.id, activity_id=ACTIVITY, kind="notebook", title="Lister",
                            max_score=6, released_at=year_start + dt.timedelta(days=30))
        session.add_all([last_year, this_year])
        session.flush()
        columns, _, _ = build_matrix(session, school_class, since=year_start)
        assert [c.release.activity_id for c in columns] == [ACTIVITY]
        every, _, _ = build_matrix(session, school_class)
        assert [c.release.activity_id for c in every] == ["g3-dansealgoritmer", ACTIVITY]
