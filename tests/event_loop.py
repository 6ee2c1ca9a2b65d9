"""Running a coroutine from a test, whatever event loop the test session left in the main thread.

Playwright's sync API keeps an event loop running in the main thread while a session-scoped
browser lives, so ``asyncio.run`` there raises "cannot be called from a running event loop".
A thread of its own has no loop.
"""
import asyncio
import concurrent.futures


def run_coroutine(coroutine):
    """Run ``coroutine`` to its end on a new event loop in a thread of its own; its result."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
