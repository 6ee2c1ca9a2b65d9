"""`kodefag worker`: grading worker processes consuming the fair queue.

N worker processes (default: two per CPU core) run jobs in parallel; the main
process supervises them (huey restarts a dead worker) and reaps jobs whose
worker died, so they run again (see :mod:`kodefag.queue`).
"""
from __future__ import annotations

import logging
import threading

import click
from huey.consumer import Consumer

from kodefag import queue
from kodefag.grader.engine import warm_up as warm_up_notebook_grader
from kodefag.settings import Settings, get_settings

from .handle import give_up, handle_next

LOG = logging.getLogger(__name__)
REAP_INTERVAL_SECONDS = 2.0


class GradingConsumer(Consumer):
    """huey's consumer plus a reaper thread in the supervising process."""

    def __init__(self, huey, settings: Settings, **options):
        super().__init__(huey, **options)
        self.settings = settings

    def start(self):
        super().start()  # forks the workers first: the thread stays in this process only
        thread = threading.Thread(target=self._reap_forever, name="kodefag-reaper", daemon=True)
        thread.start()

    def _reap_forever(self):
        while not self.stop_flag.wait(REAP_INTERVAL_SECONDS):
            try:
                reap(self.settings)
            except Exception:  # the reaper must outlive a flaky database
                LOG.exception("reaping jobs failed")


def reap(settings: Settings) -> list[str]:
    """Put back jobs of dead workers; tell the pupils of jobs given up. Returns the ids put back."""
    requeued, given_up = queue.reap(settings)
    if requeued:
        LOG.warning("re-queued %d job(s) of dead workers: %s", len(requeued), requeued)
    for claimed in given_up:
        give_up(settings, claimed)
    return requeued


def run_consumer(settings: Settings, workers: int) -> None:
    """Run the worker processes until stopped; each wake-up tick drains the fair queue."""
    warm_up_notebook_grader()  # forked workers inherit the grader's caches
    queue.serve(lambda: handle_next(settings))
    reap(settings)  # jobs of workers that died before this start
    consumer = GradingConsumer(
        queue.huey_for(settings),
        settings,
        workers=workers,
        worker_type="process",
        periodic=False,
        check_worker_health=True,
        health_check_interval=1,
        initial_delay=0.05,
        max_delay=0.5,  # idle workers poll at least twice a second: jobs start at once
    )
    consumer.run()


@click.command()
@click.option("--workers", type=int, default=None, help="Parallel grading processes (default: KODEFAG_WORKERS, or two per CPU core).")
def worker(workers):
    """Grade handed-in activities from the queue until stopped (Ctrl+C)."""
    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    count = workers or settings.worker_count
    click.echo(f"kodefag worker: {count} grading process(es), queue {settings.queue_url}")
    run_consumer(settings, count)
