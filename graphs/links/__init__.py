"""Evidence links between applicants, one link type per module of this package (graphs/links/<type>.py).

Each link type is a small class that registers itself when its module is imported (graphs.links.registry): its
name, default strength and hub cap, its own settings, its label in zh and en, and the way its pairs are extracted.
Every module of the package is imported the first time the registry is asked, so adding a link type is one new
file (docs/graph.md, "Adding a link type"). graphs.links.build puts the links of a batch together.
"""

from graphs.links.build import LINK_COLUMNS, GroupRunner, Links, build_links, link_group
from graphs.links.registry import (
    HUB_COLUMNS,
    Found,
    LinkInputs,
    LinkType,
    Setting,
    group_cost,
    link_groups,
    link_labels,
    link_type,
    link_types,
    person_name_types,
)

__all__ = [
    "HUB_COLUMNS",
    "LINK_COLUMNS",
    "Found",
    "GroupRunner",
    "LinkInputs",
    "LinkType",
    "Links",
    "Setting",
    "build_links",
    "group_cost",
    "link_group",
    "link_groups",
    "link_labels",
    "link_type",
    "link_types",
    "person_name_types",
]
