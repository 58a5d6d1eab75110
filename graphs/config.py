"""Graph settings: link strengths, hub damping and clustering parameters, read from the rule set's `graph` section.

The defaults below are what `rules/graph.yaml` ships; a rule set may override any of them. Strengths are data, not
code: an auditor changes them in YAML and `tmscreen rules diff` shows what the change does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

LINK_TYPES = (
    "phone",
    "email",
    "legal_representative",
    "contact_person",
    "shareholder",
    "address",
    "transfer",
    "same_mark",
    "name_pattern",
)


@dataclass(frozen=True)
class LinkType:
    """One kind of tie: its strength (0-1) and how many holders a shared value may have before it is cut."""

    name: str
    strength: float
    max_holders: int
    enabled: bool = True


@dataclass(frozen=True)
class GraphConfig:
    """All graph parameters (see docs/graph.md for what each one does)."""

    link_types: dict[str, LinkType]
    min_pair_weight: float = 0.5
    same_district_boost: float = 1.2
    free_holders: int = 3
    damping_exponent: float = 0.5
    fuzzy_address_similarity: float = 92.0
    fuzzy_address_max_block: int = 3000
    same_mark_min_shared: int = 3
    same_mark_min_length: int = 2
    community_size_cap: int = 150
    community_seed: int = 20221
    community_resolution: float = 1.0
    extra: dict = field(default_factory=dict)


DEFAULT_LINKS = {
    "phone": (0.9, 8),
    "email": (0.9, 8),
    "legal_representative": (0.4, 6),
    "contact_person": (0.35, 6),
    "shareholder": (0.7, 8),
    "address": (0.45, 8),
    "transfer": (0.8, 8),
    "same_mark": (0.45, 6),
    "name_pattern": (0.3, 12),
}

_SCALARS = {
    "min_pair_weight": float,
    "same_district_boost": float,
    "free_holders": int,
    "damping_exponent": float,
    "fuzzy_address_similarity": float,
    "fuzzy_address_max_block": int,
    "same_mark_min_shared": int,
    "same_mark_min_length": int,
    "community_size_cap": int,
    "community_seed": int,
    "community_resolution": float,
}


def graph_config(raw: dict | None) -> GraphConfig:
    """Build the config from a rule set's `graph` mapping (already schema-checked); missing keys take defaults."""
    raw = dict(raw or {})
    links: dict[str, LinkType] = {}
    given = raw.get("link_types") or {}
    for name, (strength, holders) in DEFAULT_LINKS.items():
        spec = given.get(name) or {}
        links[name] = LinkType(
            name,
            float(spec.get("strength", strength)),
            int(spec.get("max_holders", holders)),
            bool(spec.get("enabled", True)),
        )
    scalars = {k: cast(raw[k]) for k, cast in _SCALARS.items() if k in raw}
    return GraphConfig(link_types=links, **scalars)
