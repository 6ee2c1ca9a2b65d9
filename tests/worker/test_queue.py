"""The fair queue and `kodefag worker`, with the real graders and the portal's real recorder.

Workers run as real `kodefag worker` processes; one test SIGKILLs a worker in the
middle of a job and checks that the job is graded exactly once anyway, another
floods the queue from one pupil and checks that another pupil is served first.
"""
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from kodefag import queue
from kodefag.jobs import GradingJob, RunJob, TimeLimits
from kodefag.kinds import Kind
from kodefag.settings import REPO_ROOT, get_settings
from tests.grader.grader_notebooks import HONEST, WRONG, cell_by_id, released_notebook

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
        pupils = [models.User(username=f"elev{n}", display_name=f"Elev {n}", role=models.Role.pupil,
                              school_id=school.id) for n in (1, 2)]
        session.add_all([klass, *pupils])
        session.flush()
        releases = [models.Release(class_id=klass.id, activity_id=f"opgave{n}", kind="notebook", title="Opgave",
                                   max_score=3) for n in (1, 2)]
        session.add_all(releases)
        session.flush()
    yield {"url": url, "release_id": releases[0].id, "release_ids": [r.id for r in releases],
           "pupil_id": pupils[0].id, "pupil_ids": [p.id for p in pupils], "class_id": klass.id}
    if request.param == "redis":
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
    get_settings.cache_clear()


def new_submission(portal, folder: Path, pupil: int = 0, release: int = 0) -> int:
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope

    with session_scope(portal["url"]) as session:
        submission = models.Submission(release_id=portal["release_ids"][release], pupil_id=portal["pupil_ids"][pupil],
                                       timestamp="2026-11-27 10:00:00", folder=str(folder))
        session.add(submission)
        session.flush()
        return submission.id


def notebook_job(portal, submission_id, source, handin, pupil=0, release=0, cell=3, notebook=20) -> GradingJob:
    return GradingJob(kind=Kind.notebook, submission_id=submission_id, owner=f"elev{pupil + 1}",
                      release_id=portal["release_ids"][release], content=source, handin=handin,
                      limits=TimeLimits(cell_seconds=cell, notebook_seconds=notebook))


def submission_row(portal, submission_id):
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope

    with session_scope(portal["url"]) as session:
        row = session.get(models.Submission, submission_id)
        return {"status": row.status.value, "score": row.score, "result": row.result, "message": row.message,
                "graded_at": row.graded_at}


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


def records():
    return queue._records(queue.huey_for(get_settings()))


def test_a_newer_hand_in_replaces_a_queued_one_of_the_same_activity(grading_env):
    settings = get_settings()
    jobs = [GradingJob(kind=Kind.notebook, submission_id=n, owner="elev1", release_id=7, content="k", handin="h")
            for n in range(12)]
    replaced = [queue.enqueue(settings, job)[1] for job in jobs]
    assert [len(r) for r in replaced] == [0] + [1] * 11  # each replaced the one before it
    other_activity = GradingJob(kind=Kind.notebook, submission_id=99, owner="elev1", release_id=8, content="k", handin="h")
    other_pupil = GradingJob(kind=Kind.notebook, submission_id=98, owner="elev2", release_id=7, content="k", handin="h")
    assert queue.enqueue(settings, other_activity)[1] == [] and queue.enqueue(settings, other_pupil)[1] == []
    queued = sorted(record["job"]["submission_id"] for record in records().values())
    assert queued == [11, 98, 99]


def test_one_job_per_pupil_at_a_time_and_round_robin(grading_env):
    settings = get_settings()

    def job(owner, release):
        return GradingJob(kind=Kind.notebook, submission_id=release, owner=owner, release_id=release,
                          content="k", handin="h")

    for owner, release in [("elev1", 1), ("elev1", 2), ("elev1", 3), ("elev2", 4)]:
        queue.enqueue(settings, job(owner, release))
    first = queue.claim(settings)
    assert first.job.owner == "elev1" and first.job.release_id == 1
    second = queue.claim(settings)
    assert second.job.owner == "elev2"  # elev1 is busy: their other jobs wait
    assert queue.claim(settings) is None
    queue.finish(settings, first)
    queue.finish(settings, second)
    assert queue.claim(settings).job.release_id == 2


def test_round_robin_serves_the_pupil_waiting_longest(grading_env):
    settings = get_settings()
    for owner, release in [("elev1", 1), ("elev1", 2), ("elev2", 3)]:
        queue.enqueue(settings, GradingJob(kind=Kind.notebook, submission_id=release, owner=owner,
                                           release_id=release, content="k", handin="h"))
    queue.finish(settings, queue.claim(settings))  # elev1's first job
    assert queue.claim(settings).job.owner == "elev2"  # not elev1's second, though it is older


def test_jobs_of_another_version_are_refused_not_guessed(grading_env):
    with pytest.raises(ValueError):
        GradingJob.model_validate({"version": 2, "kind": "notebook", "submission_id": 1, "owner": "a",
                                   "release_id": 1, "content": "k", "handin": "h"})


def test_game_and_microbit_jobs_use_their_graders(grading_env):
    from kodefag.worker.graders import GRADERS

    for kind, folder in [(Kind.pgzero, "games/projects/spil-fang-aeblet"), (Kind.microbit, "microbit/lessons/mb-terning")]:
        job = GradingJob(kind=kind, submission_id=1, owner="elev1", release_id=1, content=REPO_ROOT / folder,
                         handin=REPO_ROOT / folder / "solution.py")
        result = GRADERS[kind](job, get_settings())
        assert result["max_score"] > 0 and result["score"] == result["max_score"]
        assert {"grade_id", "score", "max_score", "status"} <= set(result["cells"][0])


def test_every_kind_the_workers_grade_has_a_grader():
    from kodefag.kinds import GRADED_KINDS
    from kodefag.worker.graders import GRADERS

    assert set(GRADERS) == set(GRADED_KINDS)


def test_backend_follows_queue_url(grading_env, monkeypatch):
    from huey import RedisHuey, SqliteHuey

    huey = queue.huey_for(get_settings())
    assert isinstance(huey, SqliteHuey)
    assert Path(huey.storage.filename) == grading_env / "queue.sqlite"
    monkeypatch.setenv("KODEFAG_QUEUE_URL", REDIS_URL)
    get_settings.cache_clear()
    assert isinstance(queue.huey_for(get_settings()), RedisHuey)


def test_workers_grade_jobs_into_the_portal(portal, source_path, tmp_path):
    settings = get_settings()
    jobs = {}
    for pupil, (name, answers, expected) in enumerate([("rigtig", HONEST, 3.0), ("forkert", WRONG, 0.0)]):
        submission_id = new_submission(portal, tmp_path, pupil=pupil)
        queue.enqueue(settings, notebook_job(portal, submission_id, source_path, write_pupil(tmp_path, name, answers),
                                             pupil=pupil))
        jobs[submission_id] = expected
    missing = new_submission(portal, tmp_path, release=1)
    queue.enqueue(settings, notebook_job(portal, missing, source_path, tmp_path / "væk.ipynb", release=1))
    worker = start_worker()
    try:
        for submission_id, expected in jobs.items():
            row = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "graded" and r)
            assert row["score"] == expected and row["result"]["version"] == 1
        failed = wait_for(lambda: (r := submission_row(portal, missing))["status"] == "failed" and r)
        assert "Din aflevering kunne ikke læses" in failed["message"]
        wait_for(lambda: records() == {}, timeout=10)
    finally:
        stop_worker(worker)


def test_one_pupils_flood_does_not_hold_up_another(portal, source_path, tmp_path):
    """Pupil 1 hands in twelve slow notebooks; pupil 2's honest one is graded before pupil 1's next."""
    settings = get_settings()
    slow = write_pupil(tmp_path, "langsom", {**HONEST, "svar-1": "import time\ntime.sleep(2)\n" + HONEST["svar-1"]})

    def hand_in(pupil, path):
        submission_id = new_submission(portal, tmp_path, pupil=pupil)
        queue.enqueue(settings, notebook_job(portal, submission_id, source_path, path, pupil=pupil, cell=5, notebook=30))
        return submission_id

    worker = start_worker(workers=1)
    try:
        flood = [hand_in(0, slow)]
        wait_for(lambda: submission_row(portal, flood[0])["status"] == "grading")
        flood += [hand_in(0, slow) for _ in range(11)]
        other = hand_in(1, write_pupil(tmp_path, "ærlig", HONEST))
        last = wait_for(lambda: (r := submission_row(portal, flood[-1]))["status"] == "graded" and r)
        honest = submission_row(portal, other)
        assert honest["status"] == "graded" and honest["score"] == 3.0
        assert honest["graded_at"] < last["graded_at"]  # served before the flood's next job
        assert [submission_row(portal, n)["status"] for n in flood[1:-1]] == ["submitted"] * 10  # replaced, not run
    finally:
        stop_worker(worker)


def test_killed_worker_loses_nothing_and_counts_once(portal, source_path, tmp_path):
    from kodefag.teacher_portal import models
    from kodefag.teacher_portal.db import session_scope

    settings = get_settings()
    slow = {**HONEST, "svar-2": "import time\ntime.sleep(3)\n" + HONEST["svar-2"]}
    submission_id = new_submission(portal, tmp_path)
    job_id, _ = queue.enqueue(settings, notebook_job(portal, submission_id, source_path,
                                                     write_pupil(tmp_path, "langsom", slow), cell=5, notebook=30))
    worker = start_worker()
    try:
        record = wait_for(lambda: records().get(job_id, {}).get("state") == "running" and records()[job_id])
        wait_for(lambda: submission_row(portal, submission_id)["status"] == "grading", timeout=10)
        os.kill(record["pid"], signal.SIGKILL)  # inside the job: the pupil's cell sleeps 3 s
        row = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "graded" and r)
        assert row["score"] == 3.0
        wait_for(lambda: records() == {}, timeout=10)
        with session_scope(portal["url"]) as session:
            progress = session.query(models.Progress).filter_by(pupil_id=portal["pupil_id"]).all()
            assert len(progress) == 1 and progress[0].score == 3.0
            assert session.query(models.Submission).count() == 1
    finally:
        stop_worker(worker)


def test_jobs_of_a_worker_that_died_before_start_are_rerun(portal, source_path, tmp_path):
    """A job claimed by a process that no longer exists is put back by the reaper."""
    settings = get_settings()
    submission_id = new_submission(portal, tmp_path)
    job_id, _ = queue.enqueue(settings, notebook_job(portal, submission_id, source_path,
                                                     write_pupil(tmp_path, "gammel", HONEST)))
    claimed = queue.claim(settings)
    assert claimed.id == job_id
    huey = queue.huey_for(settings)
    record = records()[job_id]
    dead = subprocess.Popen(["true"])
    dead.wait()
    huey.put(queue._key("job", job_id), {**record, "pid": dead.pid, "pid_started": 0.0})
    assert queue.reap(settings) == ([job_id], [])
    assert records()[job_id]["attempt"] == 2
    worker = start_worker(workers=1)
    try:
        row = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "graded" and r)
        assert row["score"] == 3.0
    finally:
        stop_worker(worker)


def test_machine_failures_are_retried_then_reported(portal, source_path, tmp_path):
    """No bubblewrap on the worker: the job is tried MAX_ATTEMPTS times, then the pupil is told."""
    settings = get_settings()
    submission_id = new_submission(portal, tmp_path)
    queue.enqueue(settings, notebook_job(portal, submission_id, source_path,
                                         write_pupil(tmp_path, "ingen-sandkasse", HONEST)))
    worker = start_worker(workers=1, KODEFAG_BWRAP="/nonexistent/bwrap")
    try:
        failed = wait_for(lambda: (r := submission_row(portal, submission_id))["status"] == "failed" and r)
        assert "Din aflevering er gemt" in failed["message"]
        wait_for(lambda: records() == {}, timeout=10)
    finally:
        stop_worker(worker)


def test_simulations_are_run_by_workers_for_their_own_user(grading_env):
    from kodefag.worker.handle import handle_next

    settings = get_settings()
    program = "from microbit import *\ndisplay.scroll('hej')"
    job_id, _ = queue.enqueue(settings, RunJob(kind="microbit-simulation", owner="elev1",
                                               request={"files": {"main.py": program}, "seconds": 2}))
    assert queue.run_state(settings, job_id, "elev1") == ("queued", None)
    assert queue.run_state(settings, job_id, "elev2") == ("unknown", None)  # nobody else's business
    handle_next(settings)  # what a worker's wake-up tick does
    state, result = queue.run_state(settings, job_id, "elev1")
    assert state == "done" and result["error"] is None and "hej" in str(result["display_events"])
