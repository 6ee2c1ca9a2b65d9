"""The job queue and `kodefag worker`, with the portal's real result functions.

Workers run as real `kodefag worker` processes; one test SIGKILLs a worker in the
middle of a job and checks that the job is graded exactly once anyway.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from grader_notebooks import HONEST, WRONG, cell_by_id, released_notebook

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_available() -> bool:
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except Exception:
        return False


@pytest.fixture(params=["sqlite", pytest.param("redis", marks=pytest.mark.redis)])
def portal(request, grading_env, monkeypatch):
    """A migrated portal DB with one class, one pupil, one release; env for workers."""
    from kodefag.settings import get_settings
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope, upgrade

    if request.param == "redis":
        if not _redis_available():
            pytest.skip("no Redis server on 127.0.0.1:6379")
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        monkeypatch.setenv("KODEFAG_QUEUE_URL", REDIS_URL)
    else:
        monkeypatch.setenv("KODEFAG_QUEUE_URL", "sqlite")
    get_settings.cache_clear()
    url = get_settings().database_url
    upgrade(url)
    with session_scope(url) as session:
        school = models.School(name="Testskolen")
        session.add(school)
        session.flush()
        klass = models.SchoolClass(school_id=school.id, name="5.A", slug="5a", grade=5)
        pupil = models.User(username="elev1", display_name="Elev Et", role=models.Role.pupil, school_id=school.id)
        session.add_all([klass, pupil])
        session.flush()
        release = models.Release(class_id=klass.id, activity_id="opgave", kind="notebook", title="Opgave", max_score=3)
        session.add(release)
        session.flush()
    yield {"url": url, "release_id": release.id, "pupil_id": pupil.id, "class_id": klass.id}
    if request.param == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    get_settings.cache_clear()


def new_submission(portal, folder: Path) -> int:
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope

    with session_scope(portal["url"]) as session:
        submission = models.Submission(release_id=portal["release_id"], pupil_id=portal["pupil_id"],
                                       timestamp="2026-11-27 10:00:00", folder=str(folder))
        session.add(submission)
        session.flush()
        return submission.id


def submission_row(portal, submission_id):
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope

    with session_scope(portal["url"]) as session:
        row = session.get(models.Submission, submission_id)
        return {"status": row.status.value, "score": row.score, "result": row.result, "message": row.message}


def write_pupil(tmp_path, name, answers) -> Path:
    nb = released_notebook()
    for grade_id, code in answers.items():
        cell_by_id(nb, grade_id).source = code
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return path


def start_worker(workers=2, **env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "kodefag.cli", "worker", "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, env={**os.environ, **env},
    )


def stop_worker(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(predicate, timeout=60):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError("timed out waiting")


def test_enqueue_checks_kind_and_payload(grading_env):
    from kodefag.grader.queue import enqueue

    with pytest.raises(ValueError, match="unknown job kind"):
        enqueue("scratch", {"submission_id": 1})
    with pytest.raises(ValueError, match="submission_id"):
        enqueue("notebook", {"submission_id": "1"})


@pytest.mark.parametrize(
    "kind, payload",
    [
        ("pgzero", {"project_dir": "games/projects/spil-fang-aeblet", "game_file": "games/projects/spil-fang-aeblet/solution.py"}),
        ("microbit", {"lesson_dir": "microbit/lessons/mb-terning", "main_file": "microbit/lessons/mb-terning/solution.py"}),
    ],
)
def test_game_and_microbit_jobs_use_their_graders(grading_env, kind, payload):
    from kodefag.grader.queue import dispatch
    from kodefag.settings import REPO_ROOT

    paths = {key: str(REPO_ROOT / value) for key, value in payload.items()}
    result = dispatch(kind, {"submission_id": 1, **paths})
    assert result["max_score"] > 0 and result["score"] == result["max_score"]
    assert {"grade_id", "score", "max_score", "status"} <= set(result["cells"][0])


def test_backend_follows_queue_url(grading_env, monkeypatch):
    from huey import RedisHuey, SqliteHuey

    from kodefag.grader.queue import get_huey
    from kodefag.settings import get_settings

    assert isinstance(get_huey(), SqliteHuey)
    assert Path(get_huey().storage.filename) == grading_env / "queue.sqlite"
    monkeypatch.setenv("KODEFAG_QUEUE_URL", REDIS_URL)
    get_settings.cache_clear()
    assert isinstance(get_huey(), RedisHuey)


def test_workers_grade_jobs_into_the_portal(portal, source_path, tmp_path):
    from kodefag.grader.queue import enqueue, records

    jobs = {}
    for name, answers, expected in [("rigtig", HONEST, 3.0), ("forkert", WRONG, 0.0)]:
        submission_id = new_submission(portal, tmp_path)
        payload = {"submission_id": submission_id, "source": str(source_path),
                   "submission": str(write_pupil(tmp_path, name, answers)), "cell_timeout": 3, "notebook_timeout": 20}
        enqueue("notebook", payload)
        jobs[submission_id] = expected
    missing = new_submission(portal, tmp_path)
    enqueue("notebook", {"submission_id": missing, "source": str(source_path), "submission": str(tmp_path / "væk.ipynb")})
    worker = start_worker()
    try:
        for submission_id, expected in jobs.items():
            row = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "graded" and r)
            assert row["score"] == expected
        failed = wait_for(lambda: (r := submission_row(portal, missing))["status"] == "failed" and r)
        assert "Din aflevering kunne ikke læses" in failed["message"]
        wait_for(lambda: records() == {}, timeout=10)
    finally:
        stop_worker(worker)


def test_killed_worker_loses_nothing_and_counts_once(portal, source_path, tmp_path):
    from kodefag.grader.queue import enqueue, records
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope

    slow = {**HONEST, "svar-2": "import time\ntime.sleep(3)\n" + HONEST["svar-2"]}
    submission_id = new_submission(portal, tmp_path)
    payload = {"submission_id": submission_id, "source": str(source_path),
               "submission": str(write_pupil(tmp_path, "langsom", slow)), "cell_timeout": 5, "notebook_timeout": 30}
    job_id = enqueue("notebook", payload)
    worker = start_worker()
    try:
        record = wait_for(lambda: records().get(job_id, {}).get("state") == "running" and records()[job_id])
        wait_for(lambda: submission_row(portal, submission_id)["status"] == "grading", timeout=10)
        time.sleep(1.0)  # well inside the job: the pupil's cell sleeps 3 s
        os.kill(record["pid"], signal.SIGKILL)
        row = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "graded" and r)
        assert row["score"] == 3.0
        assert records() == {}
        with session_scope(portal["url"]) as session:
            progress = session.query(models.Progress).filter_by(pupil_id=portal["pupil_id"]).all()
            assert len(progress) == 1 and progress[0].score == 3.0
            assert session.query(models.Submission).count() == 1
    finally:
        stop_worker(worker)


def test_jobs_of_a_worker_that_died_before_start_are_rerun(portal, source_path, tmp_path):
    """A record left 'running' by a process that no longer exists is re-enqueued at start."""
    from kodefag.grader.queue import _save_record, get_huey, reap, records

    submission_id = new_submission(portal, tmp_path)
    job = {"id": "gammeljob", "kind": "notebook", "attempt": 1,
           "payload": {"submission_id": submission_id, "source": str(source_path),
                       "submission": str(write_pupil(tmp_path, "gammel", HONEST))}}
    dead = subprocess.Popen(["true"])
    dead.wait()
    import socket

    _save_record(get_huey(), job, state="running", host=socket.gethostname(), pid=dead.pid, pid_started=0.0)
    assert reap() == ["gammeljob"]
    assert records()["gammeljob"]["job"]["attempt"] == 2
    worker = start_worker(workers=1)
    try:
        row = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "graded" and r)
        assert row["score"] == 3.0
    finally:
        stop_worker(worker)


def test_machine_failures_are_retried_then_reported(portal, source_path, tmp_path):
    """No bubblewrap on the worker: the job is tried MAX_ATTEMPTS times, then the pupil is told."""
    from kodefag.grader.queue import enqueue, records

    submission_id = new_submission(portal, tmp_path)
    enqueue("notebook", {"submission_id": submission_id, "source": str(source_path),
                         "submission": str(write_pupil(tmp_path, "ingen-sandkasse", HONEST))})
    worker = start_worker(workers=1, KODEFAG_BWRAP="/nonexistent/bwrap")
    try:
        failed = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "failed" and r)
        assert "Din aflevering er gemt" in failed["message"]
        assert records() == {}
    finally:
        stop_worker(worker)
