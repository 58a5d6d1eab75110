"""docs/architecture.md shows the screening plan as the code runs it (generated from detector.pipeline.plan)."""

from __future__ import annotations

import re

from conftest import ROOT

from detector.pipeline.plan import PLAN, plan_diagram, stage_names


def test_architecture_doc_shows_the_plan_the_code_runs():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- plan:start -->\n(.*?)\n<!-- plan:end -->", text, re.S)
    assert block, "docs/architecture.md lost its plan block"
    assert block.group(1) == plan_diagram(), "docs/architecture.md is stale: run `make docs`"


def test_every_stage_is_documented_and_named_once():
    names = stage_names()
    assert len(names) == len(set(names))
    for stage in PLAN:
        assert (stage.run.__doc__ or "").strip(), f"stage {stage.name} has no docstring"
