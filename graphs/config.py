"""Graph settings: link strengths, hub damping and clustering parameters, read from the rule set's `graph` section.

Every setting has its default in code: the pair threshold, damping and clustering below, each link type's
strength, hub cap and own settings in its class (graphs/links/<type>.py). `rules/graph.yaml` only overrides;
`graph_schema()` is the rule-file schema of the section, built from the same records. Strengths are data, not
code: an auditor overrides one in YAML and `tmscreen rules diff` shows what the change does.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphs.links.registry import LINK_SETTINGS_SCHEMA, Setting, link_types, type_settings

GRAPH_SETTINGS = {
    "min_pair_weight": Setting(
        0.5,
        {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "two applicants are linked when the noisy-OR of their ties, 1 - prod(1 - weight), reaches this",
    ),
    "free_holders": Setting(
        3,
        {"type": "integer", "minimum": 2, "maximum": 1000},
        "a value held by n applicants ties at strength * min(1, (free_holders / n) ** damping_exponent)",
    ),
    "damping_exponent": Setting(0.5, {"type": "number", "minimum": 0, "maximum": 4}, "see free_holders"),
    "community_size_cap": Setting(
        150,
        {"type": "integer", "minimum": 2, "maximum": 1000000},
        "components larger than this are split by Louvain communities",
    ),
    "community_seed": Setting(20221, {"type": "integer"}, "seed of the Louvain split (runs are repeatable)"),
    "community_resolution": Setting(
        1.0, {"type": "number", "exclusiveMinimum": 0, "maximum": 100}, "resolution of the Louvain split"
    ),
}


@dataclass(frozen=True)
class LinkSettings:
    """One link type as the rule set has it: strength (0-1) and how many holders a shared value may have before
    it is cut."""

    name: str
    strength: float
    max_holders: int
    enabled: bool = True


@dataclass(frozen=True)
class GraphConfig:
    """All graph parameters (see docs/graph.md for what each one does). `options`: the settings owned by link
    types (same_district_boost, fuzzy_address_similarity, ...), by their `graph` key."""

    link_types: dict[str, LinkSettings]
    options: dict[str, float | int]
    min_pair_weight: float
    free_holders: int
    damping_exponent: float
    community_size_cap: int
    community_seed: int
    community_resolution: float


def graph_config(raw: dict | None) -> GraphConfig:
    """Build the config from a rule set's `graph` mapping (already schema-checked); missing keys take defaults."""
    raw = dict(raw or {})
    given = raw.get("link_types") or {}
    links: dict[str, LinkSettings] = {}
    for kind in link_types():
        if kind.configurable():
            spec = given.get(kind.name) or {}
            links[kind.name] = LinkSettings(
                kind.name,
                float(spec.get("strength", kind.strength)),
                int(spec.get("max_holders", kind.max_holders)),
                bool(spec.get("enabled", True)),
            )
    options = {key: s.cast(raw.get(key, s.default)) for key, s in type_settings().items()}
    values = {key: s.cast(raw.get(key, s.default)) for key, s in GRAPH_SETTINGS.items()}
    return GraphConfig(link_types=links, options=options, **values)


def graph_schema() -> dict:
    """JSON Schema of a rule set's `graph` section: the settings above, the link types' own settings, and one
    entry per configurable link type under `link_types`."""
    return {
        "type": "object",
        "properties": {
            **{key: s.schema for key, s in GRAPH_SETTINGS.items()},
            **{key: s.schema for key, s in type_settings().items()},
            "link_types": {
                "type": "object",
                "properties": {k.name: LINK_SETTINGS_SCHEMA for k in link_types() if k.configurable()},
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    }


def graph_defaults() -> dict:
    """Every `graph` setting at its default, as a rule file would spell it (docs, and the override test)."""
    return {
        **{key: s.default for key, s in GRAPH_SETTINGS.items()},
        **{key: s.default for key, s in type_settings().items()},
        "link_types": {
            k.name: {"strength": k.strength, "max_holders": k.max_holders, "enabled": True}
            for k in link_types()
            if k.configurable()
        },
    }
