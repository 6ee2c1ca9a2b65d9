"""`kodefag worker`: grading worker processes consuming the job queue.

N worker processes (default: two per CPU core) run jobs in parallel; the main
process supervises them (huey restarts a dead worker) and reaps jobs whose
worker died, so they run again (see :mod:`kodefag.grader.queue`).
"""
import logging
import threading

import click
from huey.consumer import Consumer

from kodefag.grader.queue import get_huey, reap

LOG = logging.getLogger(__name__)
REAP_INTERVAL_SECONDS = 2.0


class GradingConsumer(Consumer):
    """huey's consumer plus a reaper thread in the supervising process."""

    def start(self):
        super().start()  # forks the workers first: the thread stays in this process only
        thread = threading.Thread(target=self._reap_forever, name="kodefag-reaper", daemon=True)
        thread.start()

    def _reap_forever(self):
        while not self.stop_flag.wait(REAP_INTERVAL_SECONDS):
            try:
                requeued = reap(self.huey)
                if requeued:
                    LOG.warning("re-enqueued %d job(s) of dead workers: %s", len(requeued), requeued)
            except Exception:  # the reaper must outlive a flaky database
                LOG.exception("reaping grading jobs failed")


def warm_up() -> None:
    """Import the grader and learn nbgrader's schema version once, before forking.

    Every forked worker inherits both, instead of paying seconds on its first job.
    """
    from kodefag.grader import engine

    engine.cache_alembic_version()
    with engine.venv_on_path():
        engine.nbgrader_api.get_alembic_version()


def run_consumer(workers: int) -> None:
    warm_up()
    huey = get_huey()
    requeued = reap(huey)  # jobs of workers that died before this start
    if requeued:
        LOG.warning("re-enqueued %d unfinished job(s) at start-up", len(requeued))
    consumer = GradingConsumer(
        huey,
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
    from kodefag.settings import get_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    count = workers or get_settings().worker_count
    click.echo(f"kodefag worker: {count} grading process(es), queue {get_settings().queue_url}")
    run_consumer(count)
