"""Link types describe themselves (graphs/links/<type>.py) and rules/graph.yaml only overrides them; a link type
written in a test flows through graph building, the report labels, the schema and the docs (docs/graph.md,
"Adding a link type", is this test's example)."""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import ClassVar

import jsonschema
import numpy as np
import pytest
import yaml
from conftest import ROOT
from graph_batch import company, graph_of

from detector.i18n import report_labels
from graphs.config import GRAPH_SETTINGS, LinkSettings, graph_config, graph_defaults, graph_schema
from graphs.links import LinkInputs, Setting, link_groups, link_types
from graphs.links.docs import render_tables
from graphs.links.registry import group_cost, type_settings, unregister
from graphs.links.shared_value import SharedValue
from graphs.values import keyed


def repeated_defaults(raw: dict) -> list[str]:
    """The keys of a `graph` section that only repeat their default (not overrides)."""
    defaults = graph_defaults()
    out = [key for key, value in raw.items() if key != "link_types" and value == defaults[key]]
    for name, spec in (raw.get("link_types") or {}).items():
        out += [f"link_types.{name}.{k}" for k, v in (spec or {}).items() if v == defaults["link_types"][name][k]]
    return out


def test_every_link_type_describes_itself():
    for kind in link_types():
        assert kind.label.get("zh") and kind.label.get("en"), f"{kind.name}: label in zh and en"
        assert kind.shared_value and kind.__doc__, f"{kind.name}: shared_value and a class docstring (docs)"
        assert kind.__module__ == f"graphs.links.{kind.name}", f"{kind.name}: one file, named for the link type"
        assert sys.modules[kind.__module__].__doc__, f"{kind.name}: module docstring"
    jsonschema.Draft202012Validator(graph_schema()).validate(graph_defaults())  # every default is a legal value


def test_graph_doc_tables_are_current():
    assert render_tables() in (ROOT / "docs" / "graph.md").read_text(encoding="utf-8"), "run `make docs`"


def test_shipped_graph_yaml_only_overrides():
    raw = yaml.safe_load((ROOT / "rules" / "graph.yaml").read_text(encoding="utf-8"))["graph"] or {}
    jsonschema.Draft202012Validator(graph_schema()).validate(raw)  # registered link types, legal values only
    assert repeated_defaults(raw) == [], "rules/graph.yaml repeats defaults that live in the code"
    assert repeated_defaults({"free_holders": 3, "link_types": {"phone": {"strength": 0.9, "max_holders": 9}}}) == [
        "free_holders",
        "link_types.phone.strength",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        {"link_types": {"fax": {"strength": 0.5}}},  # not a registered link type
        {"link_types": {"person_cross_role": {"strength": 0.5}}},  # no settings of its own
        {"link_types": {"phone": {"strength": 1.5}}},
        {"fuzzy_address_similarity": 20},
        {"same_mark_min_shared": 2.5},
    ],
)
def test_schema_rejects_what_no_link_type_allows(raw):
    assert not jsonschema.Draft202012Validator(graph_schema()).is_valid(raw)


def test_rule_schema_reads_the_registry():
    from detector.rules.schema import RULESET

    assert RULESET["properties"]["graph"] == graph_schema()
    assert set(graph_schema()["properties"]["link_types"]["properties"]) == {
        k.name for k in link_types() if k.configurable()
    }


def test_defaults_live_in_the_classes_and_the_rule_set_overrides():
    cfg = graph_config({})
    for kind in link_types():
        if kind.configurable():
            assert cfg.link_types[kind.name] == LinkSettings(kind.name, kind.strength, kind.max_holders, True)
    assert cfg.options == {key: s.default for key, s in type_settings().items()}
    assert {key: getattr(cfg, key) for key in GRAPH_SETTINGS} == {key: s.default for key, s in GRAPH_SETTINGS.items()}
    cfg = graph_config({"same_mark_min_shared": 4, "link_types": {"address": {"enabled": False, "strength": 0.5}}})
    assert cfg.options["same_mark_min_shared"] == 4 and cfg.link_types["address"] == LinkSettings(
        "address", 0.5, 8, False
    )


def test_report_labels_come_from_the_link_types():
    for lang in ("zh", "en"):
        labels = report_labels(lang)
        assert all(labels[f"link_{k.name}"] == k.label[lang] for k in link_types())


def test_dearest_link_groups_are_handed_out_first():
    order = sorted(link_groups(), key=lambda g: -group_cost(g))
    assert order == [
        "persons",
        "address",
        "phone",
        "email",
        "ring",
        "name_pattern",
        "sole_owner",
        "same_mark",
        "transfer",
    ]


# The worked example of docs/graph.md, registered here instead of in graphs/links/business_scope.py.
SCOPE = "技术开发、技术咨询、技术服务；销售日用百货、服装鞋帽、电子产品；企业管理咨询；商务信息咨询"
_PUNCT = re.compile(r"[\s,，。.;；、:：()（）]+")


def scope_key(raw: str) -> str:
    """A business scope without spaces and punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", raw or "").lower())


@pytest.fixture
def business_scope():
    class BusinessScope(SharedValue):
        """A long business scope copied word for word is a trace of one hand registering several firms; a common
        template is many firms' and becomes a hub."""

        name = "business_scope"
        label: ClassVar[dict[str, str]] = {"en": "same business scope", "zh": "经营范围相同"}
        shared_value = "business scope without spaces and punctuation, of `business_scope_min_length`+ characters"
        strength = 0.2
        max_holders = 5
        applicant_columns = ("business_scope",)
        settings: ClassVar[dict[str, Setting]] = {
            "business_scope_min_length": Setting(
                30, {"type": "integer", "minimum": 1, "maximum": 1000}, "shorter scopes are too common to tie"
            ),
        }

        def keys(self, inputs: LinkInputs) -> np.ndarray:
            keys = keyed(inputs.apps["business_scope"], scope_key)
            long_enough = keys.str.len() >= inputs.cfg.options["business_scope_min_length"]
            return keys.where(long_enough, "").to_numpy(dtype=object)

    yield BusinessScope
    unregister("business_scope")


def test_a_new_link_type_flows_through_graph_building(tmp_path, business_scope):
    assert link_types()[-1] is business_scope and link_groups()[-1] == "business_scope"
    apps = [company(0, business_scope=SCOPE), company(1, business_scope=SCOPE + "。"), company(2, business_scope=SCOPE)]
    apps += [company(3, business_scope="销售服装"), company(4, business_scope="销售服装")]  # too short to tie
    result = graph_of(tmp_path / "a", apps)
    ties = result.links[result.links["link_type"] == "business_scope"]
    assert list(zip(ties["src"], ties["dst"])) == [("A0000", "A0001"), ("A0000", "A0002"), ("A0001", "A0002")]
    assert ties["weight"].tolist() == [0.2] * 3 and result.clusters.membership.empty  # weak: never links alone
    # The rule set overrides its strength and its own setting; the schema accepts both.
    raw = {"business_scope_min_length": 4, "link_types": {"business_scope": {"strength": 0.6}}}
    jsonschema.Draft202012Validator(graph_schema()).validate(raw)
    assert not jsonschema.Draft202012Validator(graph_schema()).is_valid({"business_scope_min_length": 0})
    result = graph_of(tmp_path / "b", apps, config=raw)
    assert set(result.clusters.membership["applicant_id"]) == {"A0000", "A0001", "A0002", "A0003", "A0004"}
    assert report_labels("zh")["link_business_scope"] == "经营范围相同"
    assert "| `business_scope` | 经营范围相同 / same business scope |" in render_tables()
    assert "| `business_scope_min_length` | 30 |" in render_tables()
