"""Values derived from a long-lived object are built once while it lives, never served for another object."""

from __future__ import annotations

from detector import object_memo
from detector.object_memo import derived


def test_built_once_per_object_and_name():
    calls = []
    lists_a, lists_b = {"x": 1}, {"x": 1}
    assert derived(lists_a, "n", lambda: calls.append("a") or "va") == "va"
    assert derived(lists_a, "n", lambda: calls.append("again") or "other") == "va"
    assert derived(lists_b, "n", lambda: calls.append("b") or "vb") == "vb"  # equal content, another object
    assert derived(lists_a, "m", lambda: calls.append("m") or "vm") == "vm"
    assert calls == ["a", "b", "m"]


def test_bounded_oldest_dropped(monkeypatch):
    monkeypatch.setattr(object_memo, "MAX_ENTRIES", 3)
    objects = [{"i": i} for i in range(5)]
    for o in objects:
        derived(o, "n", lambda o=o: o["i"])
    assert len(object_memo._entries) <= 3
    calls = []
    assert derived(objects[0], "n", lambda: calls.append(1) or 0) == 0 and calls == [1]  # rebuilt
