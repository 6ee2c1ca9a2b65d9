"""The fair job queue: hand-ins to grade and pupil programs to run, one pupil at a time.

The portal *enqueues* (:func:`enqueue`); workers (:mod:`kodefag.worker`) *claim*
and run jobs. Storage is huey's: a SQLite file under ``var/`` by default, Redis
for scale. huey's own FIFO queue only carries wake-up "ticks"; which job runs
next is decided here, so one pupil cannot crowd out the others:

* **one job per pupil at a time** - a worker takes a pupil (an atomic
  put-if-empty of ``busy:<pupil>``) before it takes one of their jobs;
* **round-robin between pupils** - of the pupils with queued jobs and no running
  one, the pupil served longest ago goes first (then the oldest job);
* **a newer job replaces a queued older one** of the same pupil and slot (the same
  activity's hand-in, or the same kind of program run): twelve quick hand-ins of
  one pupil are one job, not twelve.

So another pupil's job waits at most for one job's time limit, however many jobs
one pupil sends.

Nothing is lost when a worker dies. Every job has a durable *record* beside its
*ticket* (popping the ticket is claiming the job, atomic in both backends).
:func:`reap` (run by every ``kodefag worker`` every few seconds) puts jobs of dead
workers back, frees pupils whose job vanished and wakes workers for jobs no tick
is waiting for. A job is tried at most MAX_ATTEMPTS times; the portal's recorder
is an idempotent upsert per submission, so a job that ran twice never counts twice.
"""
from __future__ import annotations

import logging
import socket
import time
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import psutil
from huey import RedisHuey, SqliteHuey
from pydantic import TypeAdapter

from kodefag.jobs import Job
from kodefag.settings import Settings

LOG = logging.getLogger(__name__)
PREFIX = "kodefag:"
MAX_ATTEMPTS = 3
#: records of workers on other hosts are trusted this long
FOREIGN_RUNNING_SECONDS = 15 * 60
#: results of program runs nobody fetched are dropped after this long
RESULT_SECONDS = 10 * 60

_JOB = TypeAdapter(Job)


@dataclass
class Claimed:
    """A job a worker has claimed, with what it needs to finish it."""

    id: str
    job: Job
    attempt: int


def _key(kind: str, name: str) -> str:
    return f"{PREFIX}{kind}:{name}"


@lru_cache
def _huey_for(queue_url: str, queue_file: str):
    """One huey per queue URL and SQLite file, with the wake-up task registered on it."""
    if queue_url == "sqlite":
        Path(queue_file).parent.mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(name="kodefag", filename=queue_file, results=False, utc=True)
    elif queue_url.startswith(("redis://", "rediss://", "unix://")):
        huey = RedisHuey(name="kodefag", url=queue_url, results=False, utc=True)
    else:
        raise ValueError(f"queue_url must be 'sqlite' or a redis:// URL, not {queue_url!r}")
    huey.tick = huey.task(name="kodefag.tick")(_tick)
    return huey


def huey_for(settings: Settings):
    """The huey instance for these settings (the consumer runs on it)."""
    return _huey_for(settings.queue_url, str(settings.queue_file))


# --- what a worker does when woken ---------------------------------------------
_handler: list[Callable[[], None]] = []


def serve(handler: Callable[[], None]) -> None:
    """Set what a wake-up tick does in this process (the worker, before it forks).

    The portal only enqueues ticks; it never runs them, so it needs no handler.
    """
    _handler[:] = [handler]


def _tick() -> None:
    if not _handler:
        raise RuntimeError("kodefag.queue.serve() was not called in this worker process")
    _handler[0]()


# --- enqueueing (the portal) ---------------------------------------------------
def enqueue(settings: Settings, job: Job) -> tuple[str, list[Job]]:
    """Queue a job; returns its id and the queued jobs it replaced (same pupil and slot)."""
    huey = huey_for(settings)
    replaced = _supersede(huey, job)
    job_id = uuid.uuid4().hex
    _save(huey, job_id, job, attempt=1)
    return job_id, replaced


def _save(huey, job_id: str, job: Job, attempt: int) -> None:
    now = time.time()
    huey.put(_key("job", job_id), {"job": job.model_dump(mode="json"), "attempt": attempt, "state": "queued",
                                   "since": now, "queued": now})
    huey.put(_key("ticket", job_id), 1)
    huey.tick()


def _supersede(huey, job: Job) -> list[Job]:
    """Drop queued (not running) jobs of the same pupil and slot; return them."""
    replaced = []
    for job_id, record in _records(huey).items():
        older = _JOB.validate_python(record["job"])
        if record["state"] != "queued" or older.owner != job.owner or older.slot != job.slot:
            continue
        if huey.get(_key("ticket", job_id)) is not None:  # we took it: nobody else will run it
            huey.delete(_key("job", job_id))
            replaced.append(older)
    return replaced


# --- claiming and finishing (the workers) ---------------------------------------
def claim(settings: Settings) -> Claimed | None:
    """Take the next job by the fairness rules above, or None if nothing can run now."""
    huey = huey_for(settings)
    records = _records(huey)
    busy = set(_busy_pupils(huey))
    candidates = []
    for job_id, record in records.items():
        if record["state"] != "queued":
            continue
        pupil = record["job"]["owner"]
        if pupil in busy:
            continue
        served = huey.get(_key("served", pupil), peek=True) or 0.0
        candidates.append((served, record["queued"], job_id, record))
    for _, _, job_id, record in sorted(candidates, key=lambda item: item[:2]):
        pupil = record["job"]["owner"]
        if not huey.put_if_empty(_key("busy", pupil), job_id):
            continue  # another worker took this pupil a moment ago
        if huey.get(_key("ticket", job_id)) is None:  # replaced or claimed meanwhile
            huey.delete(_key("busy", pupil))
            continue
        process = psutil.Process()
        huey.put(_key("job", job_id), {**record, "state": "running", "since": time.time(),
                                       "host": socket.gethostname(), "pid": process.pid,
                                       "pid_started": process.create_time()})
        huey.put(_key("served", pupil), time.time())
        return Claimed(job_id, _JOB.validate_python(record["job"]), record["attempt"])
    return None


def finish(settings: Settings, claimed: Claimed) -> None:
    """The job is done (its result recorded): forget it, free its pupil, wake a worker."""
    huey = huey_for(settings)
    huey.delete(_key("job", claimed.id))
    _free_pupil(huey, claimed.job.owner, claimed.id)
    if _records(huey):
        huey.tick()  # jobs of this pupil may have waited for this one


def retry(settings: Settings, claimed: Claimed) -> bool:
    """Queue a job again after a machine failure; False once MAX_ATTEMPTS are used up."""
    huey = huey_for(settings)
    huey.delete(_key("job", claimed.id))
    _free_pupil(huey, claimed.job.owner, claimed.id)
    if claimed.attempt >= MAX_ATTEMPTS:
        LOG.error("job %s failed %s times; giving up", claimed.id, claimed.attempt)
        return False
    LOG.warning("re-queueing job %s (attempt %s)", claimed.id, claimed.attempt + 1)
    _save(huey, claimed.id, claimed.job, attempt=claimed.attempt + 1)
    return True


def _free_pupil(huey, pupil: str, job_id: str) -> None:
    if huey.get(_key("busy", pupil), peek=True) == job_id:
        huey.delete(_key("busy", pupil))


# --- results of program runs (the portal polls them) -----------------------------
def store_run_result(settings: Settings, claimed: Claimed, result: dict) -> None:
    """Keep a program run's result until its page fetches it (at most RESULT_SECONDS)."""
    huey_for(settings).put(_key("result", claimed.id), {"result": result, "owner": claimed.job.owner,
                                                        "since": time.time()})


def run_state(settings: Settings, job_id: str, pupil: str) -> tuple[str, dict | None]:
    """("queued" | "running" | "done" | "unknown", result) of a program run, for its own pupil only."""
    huey = huey_for(settings)
    stored = huey.get(_key("result", job_id), peek=True)
    if stored is not None:
        return ("done", stored["result"]) if stored["owner"] == pupil else ("unknown", None)
    record = huey.get(_key("job", job_id), peek=True)
    if record is None or record["job"]["owner"] != pupil:
        return "unknown", None
    return record["state"], None


# --- housekeeping ------------------------------------------------------------------
def _records(huey) -> dict[str, dict]:
    """Every unfinished job's record, by job id."""
    return _items(huey, "job")


def _busy_pupils(huey) -> dict[str, str]:
    return _items(huey, "busy")


def _items(huey, kind: str) -> dict:
    prefix = _key(kind, "")
    found = {}
    for key, raw in huey.storage.result_items().items():
        if key.startswith(prefix):
            found[key[len(prefix):]] = huey.serializer.deserialize(raw)
    return found


def forget_pupil(settings: Settings, pupil: str) -> int:
    """Drop every queued job and stored run result of a pupil (GDPR delete); returns how many jobs.

    A job already running finishes; its result is then recorded against a
    submission the portal has deleted, which the recorder ignores.
    """
    huey = huey_for(settings)
    dropped = 0
    for job_id, record in _records(huey).items():
        if record["job"]["owner"] == pupil and huey.get(_key("ticket", job_id)) is not None:
            huey.delete(_key("job", job_id))
            dropped += 1
    for job_id, stored in _items(huey, "result").items():
        if stored["owner"] == pupil:
            huey.delete(_key("result", job_id))
    huey.delete(_key("served", pupil))
    return dropped


def _alive(record: dict) -> bool:
    """Is the worker that claimed this job still running it?"""
    if record.get("host") != socket.gethostname():
        return time.time() - record["since"] < FOREIGN_RUNNING_SECONDS
    try:
        return psutil.Process(record["pid"]).create_time() == record["pid_started"]
    except psutil.Error:
        return False


def reap(settings: Settings) -> tuple[list[str], list[Claimed]]:
    """Put jobs of dead workers back and unstick pupils.

    Returns the ids of the jobs put back and the jobs given up after
    MAX_ATTEMPTS (the worker tells their pupils)."""
    huey = huey_for(settings)
    records = _records(huey)
    requeued, given_up = [], []
    for job_id, record in records.items():
        if record["state"] == "running" and not _alive(record):
            claimed = Claimed(job_id, _JOB.validate_python(record["job"]), record["attempt"])
            (requeued if retry(settings, claimed) else given_up).append(claimed)
    for pupil, job_id in _busy_pupils(huey).items():
        if job_id not in records:  # its worker died between taking the pupil and the job
            _free_pupil(huey, pupil, job_id)
    for job_id, stored in _items(huey, "result").items():
        if time.time() - stored["since"] > RESULT_SECONDS:
            huey.delete(_key("result", job_id))
    if any(r["state"] == "queued" for r in _records(huey).values()) and huey.pending_count() == 0:
        huey.tick()  # queued jobs but no tick left to wake a worker for them
    return [claimed.id for claimed in requeued], given_up
