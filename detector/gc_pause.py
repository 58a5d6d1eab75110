"""Python's cyclic garbage collector kept out of a screening's way.

A run allocates millions of containers (lists, dicts, tuples of match results, rule outcomes, workbook cells) and
almost none of them end up in reference cycles: reference counting frees them. The collector still traverses
every surviving container on its schedule; measured with gc.callbacks, that was 0.86 s of a 4,000-filing demo run
(three full collections of 0.1-0.2 s each) and 4.8 s of a 200,000-filing run, while each freed a few thousand
objects. So a batch run pauses it (`paused()`: detector.pipeline.run.screen, detector.api.run_screening) and a
process that goes on afterwards (a notebook, an audit command) collects what the run left once it is enabled
again. An intake check does not pause it: the young objects of a check, collected at its end all at once, cost
more than the collections spread over it once the warm heap is frozen.

The `tmscreen screen` process goes further: it pauses the collector from its first line (the imports made ~0.1 s
of collections) and never turns it back on, as the process ends with the run (`pause()`, ONE_RUN_COMMANDS); a
command that may screen many times (rules test, the casebook, tune) or serve turns it back on (`resume()`).

A long-lived server freezes what it holds after warming up (`freeze_warm_heap()`): the rule set, matchers and
caches then never take part in a collection (a full collection of that heap took ~0.5 s, once every hundred
intake checks or so); the collector keeps running for each request's own objects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Automatic collection off inside the block (nested blocks: the outermost decides), back on after it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


ONE_RUN_COMMANDS = frozenset({"screen"})  # commands that screen one batch, write it and exit


def pause() -> None:
    """Automatic collection off for the rest of the process (a command that ends with its one run)."""
    gc.disable()


def resume() -> None:
    gc.enable()


def freeze_warm_heap() -> None:
    """Collect once, move every object alive into the permanent generation (gc.freeze), and keep collecting the
    objects made later."""
    gc.collect()
    gc.freeze()
    gc.enable()
