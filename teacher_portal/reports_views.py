"""Report pages: the school leader's view, the municipality's view, and a class's CSV export.

Leaders see their own school; the municipality role and admins see every school. No page
here shows a pupil's name: the smallest unit is a class, and averages of results need
:data:`reports.MIN_PUPILS` pupils behind them (docs/privacy.md). The CSV export is the
exception by design: it is the class's own result list, for the class's teachers only.
"""
import datetime as dt
from collections import defaultdict

from flask import Blueprint, Response, abort, redirect, render_template, url_for
from sqlalchemy import select

from kodefag.curriculum.loader import cached_curriculum
from kodefag.curriculum.schema import AREA_IDS
from kodefag.spreadsheet import csv_bytes

from . import reports
from .auth import current_user, db_session, roles_required
from .charts import Series, bar_chart, percent
from .models import STATUS_LABELS, Progress, Release, Role, School, SchoolClass, Status
from .roster import may_view_class
from .local_time import LOCAL

bp = Blueprint("reports", __name__)
#: who reads the municipality's numbers
MUNICIPALITY = (Role.municipality, Role.admin)
AREA_SHORT = {"myndiggoerelse": "Myndiggørelse", "design": "Design", "computationel": "Computationel",
              "handleevne": "Handleevne"}


def _today() -> dt.date:
    return dt.datetime.now(LOCAL).date()


@bp.context_processor
def report_globals():
    return {"area_ids": AREA_IDS}


@bp.app_template_filter("percent")
def percent_filter(value, points: bool = False) -> str:
    return percent(value, points)


@bp.get("/rapport")
@roles_required(Role.leader, *MUNICIPALITY)
def reports_home():
    """The leader's own school; the municipality starts at the overview of all schools."""
    user = current_user()
    if user.role is Role.leader and user.school_id is not None:
        return redirect(url_for("reports.school", school_id=user.school_id))
    return redirect(url_for("reports.municipality"))


@bp.get("/rapport/skole/<int:school_id>")
@roles_required(Role.leader, *MUNICIPALITY)
def school(school_id: int):
    user = current_user()
    if user.role is Role.leader and user.school_id != school_id:
        abort(403)
    school_row = db_session().get(School, school_id)
    if school_row is None:
        abort(404)
    curriculum = cached_curriculum()
    classes = reports.cached_class_reports(db_session(), curriculum, [school_id], _today())
    growth = [r for r in reports.all_growth_rows(db_session(), curriculum) if r.school == school_row.name]
    grades = reports.by_grade(classes)
    return render_template("reports/school.html", school=school_row, classes=classes, grades=grades,
                           total=reports.Summary(school_row.name, classes),
                           coverage_chart=_coverage_chart(f"Årsplanens aktiviteter frigivet pr. område, {school_row.name}",
                                                          grades),
                           **_effect(growth, by=_class_label, unit="Klasse"),
                           school_year=reports.school_year_of(_today()), min_pupils=reports.MIN_PUPILS)


@bp.get("/kommune")
@roles_required(*MUNICIPALITY)
def municipality():
    curriculum = cached_curriculum()
    classes = reports.cached_class_reports(db_session(), curriculum, None, _today())
    growth = reports.all_growth_rows(db_session(), curriculum)
    schools = reports.by_school(classes)
    school_ids = dict(db_session().execute(select(School.name, School.id)).all())
    return render_template("reports/municipality.html", schools=schools, school_ids=school_ids,
                           grades=reports.by_grade(classes), total=reports.Summary("Kommunen", classes),
                           coverage_chart=_coverage_chart("Årsplanens aktiviteter frigivet pr. område og skole",
                                                          schools),
                           **_effect(growth, by=lambda r: r.school, unit="Skole"),
                           school_year=reports.school_year_of(_today()), min_pupils=reports.MIN_PUPILS)


def _class_label(row: reports.Growth) -> str:
    """The class by today's name, and the grade it took the check in (classes move up a grade)."""
    return f"{row.class_name} (tjek i {row.grade}. klasse)" if row.grade is not None else row.class_name


def _coverage_chart(title: str, groups: list[reports.Summary]):
    series = [Series(AREA_SHORT[area], [g.coverage(area) for g in groups]) for area in AREA_IDS]
    return bar_chart(title, [g.label for g in groups], series, missing="intet planlagt")


def _effect(growth: list[reports.Growth], by, unit: str) -> dict:
    """The effect section: start -> slut per area (chart), per year and per ``by`` group (tables)."""
    years = sorted({r.school_year for r in growth})
    latest = [r for r in growth if years and r.school_year == years[-1]]
    per_area = [reports.summarize(area, [r for r in latest if r.area == area]) for area in AREA_IDS]
    effect_chart = bar_chart(
        f"Kompetencetjek {years[-1] if years else ''}: andel af point ved start og slut, pr. område",
        [AREA_SHORT[area] for area in AREA_IDS],
        [Series("Start", [s.start for s in per_area]), Series("Slut", [s.end for s in per_area])])
    # rows grouped once (a municipality has thousands: filtering them per table cell took most of the page)
    by_year, by_group = defaultdict(list), defaultdict(list)
    for r in growth:
        by_year[(r.school_year, r.area)].append(r)
        by_group[(r.school_year, by(r), r.area)].append(r)
    year_rows = {year: [reports.summarize(area, by_year[(year, area)]) for area in AREA_IDS] for year in years}
    year_chart = bar_chart("Fremgang pr. skoleår og område (procentpoint fra start til slut)",
                           [AREA_SHORT[area] for area in AREA_IDS],
                           [Series(year, [s.growth for s in year_rows[year]]) for year in years[-4:]],
                           points=True) if years else None
    groups = sorted({(year, name) for year, name, _ in by_group})
    group_rows = [(year, name, [reports.summarize(area, by_group[(year, name, area)]) for area in AREA_IDS])
                  for year, name in groups]
    return {"effect_chart": effect_chart if years else None, "year_chart": year_chart, "per_area": per_area,
            "year_rows": year_rows, "group_rows": group_rows, "group_unit": unit,
            "effect_year": years[-1] if years else None}


# ----------------------------------------------------------------------------- CSV
@bp.get("/klasse/<slug>/eksport.csv")
@roles_required(Role.teacher, Role.admin)
def export_class(slug: str):
    """The class's results as a spreadsheet: one row per pupil, one column per released activity."""
    user = current_user()
    school_class = db_session().scalar(select(SchoolClass).where(SchoolClass.slug == slug))
    if school_class is None:
        abort(404)
    if not may_view_class(db_session(), user, school_class) or not (
            user.role is Role.admin or school_class in user.teacher_of):
        abort(403)
    releases = db_session().scalars(select(Release).where(Release.class_id == school_class.id)
                                    .order_by(Release.released_at, Release.id)).all()
    cells = {(p.pupil_id, p.release_id): p for p in db_session().scalars(
        select(Progress).where(Progress.release_id.in_([r.id for r in releases])))}
    header = ["Elev", "Brugernavn"] + [f"{r.title} (maks. {_number(r.max_score)} point)" for r in releases]
    rows = [[pupil.display_name, pupil.username] + [_cell(cells.get((pupil.id, r.id))) for r in releases]
            for pupil in school_class.pupils]
    filename = f"resultater-{school_class.slug}-{_today().isoformat()}.csv"
    return Response(csv_bytes(header, rows), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f"attachment; filename={filename}"})


def _number(value) -> str:
    """Danish decimal comma, no needless decimals: 4.0 -> "4", 4.5 -> "4,5"."""
    if value is None:
        return ""
    return f"{float(value):g}".replace(".", ",")


def _cell(progress: Progress | None) -> str:
    if progress is None:
        return STATUS_LABELS[Status.released]
    if progress.status in (Status.graded, Status.checked_off) and progress.score is not None:
        return _number(progress.score)
    return STATUS_LABELS[progress.status]
