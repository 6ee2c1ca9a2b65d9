"""Grading jobs: a huey queue (SQLite file by default, Redis for scale).

``enqueue(kind, payload)`` puts a job on the queue; ``kodefag worker`` runs the
consumers. A job reports to the portal through
``kodefag.teacher_portal.results`` (mark_running, record_result, record_failure).

A killed worker loses nothing. huey deletes a task from its storage when a worker
dequeues it, so every job also has a small durable *job record* in huey's own
key-value store (same SQLite file or Redis server, so both backends behave alike):

* ``queued``  - written by enqueue, before the task is queued;
* ``running`` - written by the worker when it starts, with its host, pid and the
  pid's start time;
* deleted     - when the result (or failure) has been recorded.

:func:`reap` (run by every ``kodefag worker`` at start and every few seconds)
re-enqueues jobs whose worker process is gone, and ``queued`` jobs that are no
longer in the queue (a worker died between dequeue and writing ``running``).
A job is tried at most MAX_ATTEMPTS times. The portal's record_result is an
idempotent upsert per submission, so a job that ran twice never counts twice.
"""
from __future__ import annotations

import importlib
import logging
import socket
import time
import uuid
from functools import lru_cache
from pathlib import Path

import psutil
from huey import RedisHuey, SqliteHuey

LOG = logging.getLogger(__name__)
KINDS = ("notebook", "pgzero", "microbit")
RECORD_PREFIX = "kodefag-job:"
MAX_ATTEMPTS = 3
#: a queued record missing from the queue this long was lost by a dying worker
LOST_AFTER_SECONDS = 30
#: records of workers on other hosts are trusted this long
FOREIGN_RUNNING_SECONDS = 15 * 60
RESULTS_MODULE = "kodefag.teacher_portal.results"

NOT_A_NOTEBOOK_MESSAGE = (
    "Din aflevering kunne ikke læses, så den kunne ikke rettes. "
    "Prøv at aflevere igen, eller spørg din lærer."
)
FAILURE_MESSAGE = (
    "Din aflevering er gemt, men den kunne ikke rettes automatisk lige nu. "
    "Din lærer kan se den og prøve igen."
)


@lru_cache
def _huey_for(queue_url: str, var_dir: str):
    """One huey per queue URL and var dir, with the grading task registered on it."""
    if queue_url == "sqlite":
        Path(var_dir).mkdir(parents=True, exist_ok=True)
        huey = SqliteHuey(name="kodefag", filename=str(Path(var_dir) / "queue.sqlite"), results=False, utc=True)
    elif queue_url.startswith(("redis://", "rediss://", "unix://")):
        huey = RedisHuey(name="kodefag", url=queue_url, results=False, utc=True)
    else:
        raise ValueError(f"queue_url must be 'sqlite' or a redis:// URL, not {queue_url!r}")
    huey.grading_task = huey.task(name="kodefag.grade")(run_job)
    return huey


def get_huey():
    from kodefag.settings import get_settings

    settings = get_settings()
    return _huey_for(settings.queue_url, str(settings.var_dir))


def enqueue(kind: str, payload: dict) -> str:
    """Queue a grading job; returns its id. Payload shapes are in the design brief."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}; expected one of {KINDS}")
    if not isinstance(payload.get("submission_id"), int):
        raise ValueError("payload needs an integer submission_id")
    job = {"id": uuid.uuid4().hex, "kind": kind, "payload": dict(payload), "attempt": 1}
    _submit(get_huey(), job)
    return job["id"]


def _submit(huey, job: dict) -> None:
    _save_record(huey, job, state="queued")
    huey.grading_task(job)


def _save_record(huey, job: dict, state: str, **extra) -> None:
    huey.put(RECORD_PREFIX + job["id"], {**extra, "job": job, "state": state, "since": time.time()})


def records(huey=None) -> dict[str, dict]:
    """Every unfinished job's record, by job id."""
    huey = huey or get_huey()
    found = {}
    for key, raw in huey.storage.result_items().items():
        if key.startswith(RECORD_PREFIX):
            found[key[len(RECORD_PREFIX):]] = huey.serializer.deserialize(raw)
    return found


def _results():
    """The portal's result functions (imported lazily: the portal is another component)."""
    return importlib.import_module(RESULTS_MODULE)


def dispatch(kind: str, payload: dict) -> dict:
    """Run the grader for one job kind (imported lazily: components are optional)."""
    if kind == "notebook":
        from kodefag.grader.engine import grade_notebook

        return grade_notebook(
            Path(payload["source"]),
            Path(payload["submission"]),
            cell_timeout=payload.get("cell_timeout"),
            notebook_timeout=payload.get("notebook_timeout"),
        )
    if kind == "pgzero":
        from kodefag.games.grading import grade_project

        return grade_project(Path(payload["project_dir"]), Path(payload["game_file"]))
    if kind == "microbit":
        from kodefag.microbit.grading import grade_lesson

        return grade_lesson(Path(payload["lesson_dir"]), Path(payload["main_file"]))
    raise ValueError(f"unknown job kind {kind!r}")


def run_job(job: dict) -> None:
    """The huey task: grade one job and report to the portal (outside any sandbox)."""
    huey = get_huey()
    process = psutil.Process()
    _save_record(huey, job, state="running", host=socket.gethostname(), pid=process.pid,
                 pid_started=process.create_time())
    results = _results()
    submission_id = job["payload"]["submission_id"]
    results.mark_running(submission_id)
    try:
        result = dispatch(job["kind"], job["payload"])
    except Exception as error:  # anything: the pupil's hand-in must not vanish
        LOG.exception("grading job %s (%s, submission %s) failed", job["id"], job["kind"], submission_id)
        if _is_bad_input(error):
            results.record_failure(submission_id, NOT_A_NOTEBOOK_MESSAGE)
        else:  # the machine, not the hand-in: try again (at most MAX_ATTEMPTS times)
            _retry(huey, job)
            return
    else:
        results.record_result(submission_id, result)
    huey.delete(RECORD_PREFIX + job["id"])


def _is_bad_input(error: Exception) -> bool:
    """The hand-in itself cannot be graded (retrying would not help)."""
    from kodefag.grader.engine import NotebookError

    return isinstance(error, (NotebookError, FileNotFoundError))


def _alive(record: dict) -> bool:
    """Is the worker that claimed this job still running it?"""
    if record.get("host") != socket.gethostname():
        return time.time() - record["since"] < FOREIGN_RUNNING_SECONDS
    try:
        return psutil.Process(record["pid"]).create_time() == record["pid_started"]
    except psutil.Error:
        return False


def reap(huey=None) -> list[str]:
    """Re-enqueue jobs whose worker died; returns the ids of the jobs re-enqueued."""
    huey = huey or get_huey()
    pending = {task.args[0]["id"] for task in huey.pending() if task.args}
    requeued = []
    for job_id, record in records(huey).items():
        state, age = record["state"], time.time() - record["since"]
        lost = state == "queued" and job_id not in pending and age > LOST_AFTER_SECONDS
        if (state == "running" and not _alive(record)) or lost:
            _retry(huey, record["job"])
            requeued.append(job_id)
    return requeued


def _retry(huey, job: dict) -> None:
    """Run a job again (its worker died or the machine failed), or give up after MAX_ATTEMPTS."""
    if job["attempt"] >= MAX_ATTEMPTS:
        LOG.error("grading job %s failed %s times; giving up", job["id"], job["attempt"])
        _results().record_failure(job["payload"]["submission_id"], FAILURE_MESSAGE)
        huey.delete(RECORD_PREFIX + job["id"])
        return
    LOG.warning("re-enqueueing grading job %s (attempt %s)", job["id"], job["attempt"] + 1)
    _submit(huey, {**job, "attempt": job["attempt"] + 1})
