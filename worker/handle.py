"""What a worker does with one claimed job: grade or run it, then record the outcome.

Grading jobs are recorded through the portal's recorder (an idempotent upsert per
submission); a machine failure is retried (kodefag.queue.MAX_ATTEMPTS) before
the pupil is told; a hand-in that cannot be read is reported at once. Run jobs
(simulations, game runs a page asked for) store their answer for the page to poll.
"""
from __future__ import annotations

import logging

from kodefag import queue
from kodefag.jobs import GradingJob, GradingResult, RunJob
from kodefag.settings import Settings
from kodefag.teacher_portal import results

from .graders import BAD_HANDIN_ERRORS, GRADERS, RUNNERS, prepare_for_next_job

LOG = logging.getLogger(__name__)

UNREADABLE_MESSAGE = (
    "Din aflevering kunne ikke læses, så den kunne ikke rettes. "
    "Prøv at aflevere igen, eller spørg din lærer."
)
FAILURE_MESSAGE = (
    "Din aflevering er gemt, men den kunne ikke rettes automatisk lige nu. "
    "Din lærer kan se den og prøve igen."
)
RUN_FAILURE_MESSAGE = "Programmet kunne ikke køres lige nu. Prøv igen om lidt."


def handle_next(settings: Settings) -> None:
    """Run jobs until none can be claimed (what a wake-up tick does), preparing for the next after each.

    What is started ahead serves exactly one job, so the job after it gets a fresh one
    (a no-op while the one started ahead still waits, e.g. on an idle tick).
    """
    while (claimed := queue.claim(settings)) is not None:
        handle(settings, claimed)
        prepare_for_next_job()
    prepare_for_next_job()


def handle(settings: Settings, claimed: queue.Claimed) -> None:
    if isinstance(claimed.job, RunJob):
        _run(settings, claimed)
    else:
        _grade(settings, claimed)


def _grade(settings: Settings, claimed: queue.Claimed) -> None:
    job: GradingJob = claimed.job
    results.mark_running(settings, job.submission_id)
    try:
        result = GradingResult.from_grader(GRADERS[job.kind](job, settings))
    except BAD_HANDIN_ERRORS:
        LOG.exception("hand-in %s (%s) cannot be graded", job.submission_id, job.kind)
        results.record_failure(settings, job.submission_id, UNREADABLE_MESSAGE)
    except Exception:  # the machine, not the hand-in: try again, at most MAX_ATTEMPTS times
        LOG.exception("grading job %s (%s, submission %s) failed", claimed.id, job.kind, job.submission_id)
        if not queue.retry(settings, claimed):
            give_up(settings, claimed)
        return
    else:
        results.record_result(settings, job.submission_id, result)
    queue.finish(settings, claimed)


def _run(settings: Settings, claimed: queue.Claimed) -> None:
    job: RunJob = claimed.job
    try:
        answer = RUNNERS[job.kind](job.request)
    except Exception:  # a page asked; it gets a Danish answer, the log the reason
        LOG.exception("run job %s (%s) failed", claimed.id, job.kind)
        answer = {"error": RUN_FAILURE_MESSAGE}
    queue.store_run_result(settings, claimed, answer)
    queue.finish(settings, claimed)


def give_up(settings: Settings, claimed: queue.Claimed) -> None:
    """A job that failed MAX_ATTEMPTS times: tell its pupil (or its page)."""
    if isinstance(claimed.job, RunJob):
        queue.store_run_result(settings, claimed, {"error": RUN_FAILURE_MESSAGE})
    else:
        results.record_failure(settings, claimed.job.submission_id, FAILURE_MESSAGE)
