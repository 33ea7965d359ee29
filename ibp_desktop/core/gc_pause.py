"""Python's cyclic garbage collector paused while a burst of short-lived objects is made.

Printing the group overview of a school makes some 50,000 small objects (decisions, statuses, table
cells) that live until the PDF is done. Each time enough of them survive, Python runs a full collection
that walks every object of the process, not only the new ones: in a process with a board's data open
that cost about a fifth of the print (cProfile, tests/benchmarks/profile_consent_overview.py). The new
objects are freed by reference counting when the PDF is done; the collector runs again afterwards.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # pauses running now (a print in a worker thread and one from the command line may overlap)
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block; the collector is on again after the last pause ends
    (if it was on before the first)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
