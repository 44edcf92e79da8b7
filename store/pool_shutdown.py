"""Stop a pool of worker processes for good, whatever state its pipes are in.

A worker may be stopped while a task is still being written to it, or while it writes an
answer: the pool's own threads would then wait forever on a pipe, and this process with them
when it exits. These functions end those waits.
"""

from __future__ import annotations

import contextlib
import threading
from concurrent.futures import ProcessPoolExecutor


def drop_unsent_tasks(pool: ProcessPoolExecutor) -> None:
    """Let the pool end, once stopped, although a task it was sending is stuck in its pipe.

    A task bigger than the pipe is written while a worker reads it. When the workers are gone
    (one crashed, or the import stopped) but another process still holds the pipe's reading
    end (any process forked meanwhile inherits it), the write does not end while that process
    lives. The pool's manager thread, which waits for that write on shutdown, would not end
    either: nor would this process, which waits for that thread when it exits. The bytes of a
    task no worker will run need not arrive; a worker that does run finds its tasks sent all
    the same."""
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()


def stop_pool(pool: ProcessPoolExecutor, *, wait_for_workers: bool) -> None:
    """Shut a pool down; when not waiting, end its worker processes (ours) at once, and the
    pool's own threads with them."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=wait_for_workers, cancel_futures=True)
    if not wait_for_workers:
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                process.terminate()
        for process in processes:
            with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
                process.join(timeout=5)
        if isinstance(manager, threading.Thread):
            manager.join(timeout=5)
            if manager.is_alive():
                _end_stuck_read(manager)


def _end_stuck_read(manager: threading.Thread) -> None:
    """End a manager thread that waits for the rest of an answer a worker was sending when
    it was stopped: it waits on the answers' pipe, which this process holds open for writing
    too, so the end of the pipe never comes. Closing that copy (the workers, its only other
    writers, are gone) ends the read, and the thread with it."""
    queue = getattr(manager, "result_queue", None)  # (the pool forgets it on shutdown)
    writer = getattr(queue, "_writer", None)
    if writer is not None:
        with contextlib.suppress(OSError):
            writer.close()
    manager.join(timeout=5)
