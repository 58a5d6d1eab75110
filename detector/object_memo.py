"""Values derived from a long-lived object (a loaded rule set's lists), kept while the object lives.

A server screens many small batches with one rule set: what each run derives from the lists alone (affix sets,
list-member names) is built once. The key is the object's identity; the entry keeps the object alive, so its id
cannot be reused by another while the entry exists. At most MAX_ENTRIES entries (oldest dropped first): a process
that loads many rule sets (tests, `tmscreen rules test`) holds only the recent ones."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

MAX_ENTRIES = 64

_entries: OrderedDict[tuple[int, Hashable], tuple[object, Any]] = OrderedDict()
_lock = threading.Lock()


def derived(obj: object, name: Hashable, build: Callable[[], Any]) -> Any:
    """build() for (obj, name), computed once while the entry is kept. The value is shared: never change it."""
    key = (id(obj), name)
    with _lock:
        hit = _entries.get(key)
        if hit is not None and hit[0] is obj:
            _entries.move_to_end(key)
            return hit[1]
    value = build()
    with _lock:
        _entries[key] = (obj, value)
        _entries.move_to_end(key)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return value
