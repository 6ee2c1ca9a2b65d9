"""Danish local time (Europe/Copenhagen) for everything people read or type.

The database stores naive UTC (``models.utcnow``). Pages show local time through
the one template filter ``local_time``; forms that take a date and time (release
dates, deadlines) turn the teacher's local input back into naive UTC here.
"""
import datetime as dt
from zoneinfo import ZoneInfo

LOCAL = ZoneInfo("Europe/Copenhagen")


def local_time(moment: dt.datetime | None, fmt: str = "%d.%m.%Y %H:%M") -> str:
    """A stored UTC time (naive) as Danish local time ("" for none)."""
    if moment is None:
        return ""
    return to_local(moment).strftime(fmt)


def to_local(moment: dt.datetime) -> dt.datetime:
    """A stored UTC time (naive) as an aware Europe/Copenhagen time."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(LOCAL)


def from_local(moment: dt.datetime) -> dt.datetime:
    """A local (naive, as typed in a form) time as naive UTC for the database."""
    return moment.replace(tzinfo=LOCAL).astimezone(dt.timezone.utc).replace(tzinfo=None)


def init_app(app) -> None:
    app.add_template_filter(local_time, "local_time")
