"""Link types as small self-describing classes, registered by name when their module (graphs/links/<type>.py) loads.

A link type carries everything the rest of the tool needs to know about it: its name, its default strength and hub
cap (rules/graph.yaml only overrides them), any settings of its own, its label in zh and en, a line for the docs,
and `find`, the way its pairs are extracted. The graph code, the rule-file schema, the report labels and the Dask
engine read this registry; none of them names a link type.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd

from graphs.damping import damped_weight

if TYPE_CHECKING:
    from graphs.config import GraphConfig

HUB_COLUMNS = ["link_type", "value", "holders", "action"]
# What a rule file may set per link type under `graph.link_types.<name>` (the values default to the class's).
LINK_SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "strength": {"type": "number", "minimum": 0, "maximum": 1},
        "max_holders": {"type": "integer", "minimum": 2, "maximum": 100000},
        "enabled": {"type": "boolean"},
    },
    "additionalProperties": False,
}
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_REGISTRY: dict[str, type[LinkType]] = {}
_discovered = False


@dataclass(frozen=True)
class Setting:
    """One graph setting: its default, its JSON-schema fragment (type and range) and what it does, in a line."""

    default: float | int
    schema: dict
    doc: str

    def cast(self, value: object) -> float | int:
        """The value as the setting's type (int for `integer`, else float)."""
        return int(value) if self.schema.get("type") == "integer" else float(value)


@dataclass
class LinkInputs:
    """What every link type reads: the applicant table (code = row), the filings' columns the link types ask for,
    the settings, and the address keys and districts (computed once; addresses and person names both use them)."""

    apps: pd.DataFrame
    filings: pd.DataFrame
    cfg: GraphConfig
    address_keys: pd.Series
    district: np.ndarray
    # Holdings read once per process and shared by the link types that read them (holdings_of).
    cache: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Found:
    """What one link type found: link parts (arrays a, b, link type, value, weight), hub tables, and the
    (applicant code, key) holdings it read, for later link types of its group that build on them."""

    parts: list = field(default_factory=list)
    hubs: list[pd.DataFrame] = field(default_factory=list)
    holders: tuple[np.ndarray, np.ndarray] | None = None


class LinkType:
    """One kind of tie between applicants. Subclasses set the class attributes and implement `find`.

    `strength` and `max_holders` are the defaults a rule set's `graph.link_types.<name>` overrides; a link type
    with `strength = None` has no settings of its own (it derives them from others). `settings` are further
    `graph` keys it reads from `cfg.options`. Link types of one `group` run together, in `order`, and may read what
    earlier ones of the group found; groups are independent and may run in other processes, the dearest (`cost`)
    handed out first. `person_name`: the value is a person's name, counted once per pair whatever its roles.
    `ring_kind`: what kind of value a ring shares through this type (graphs.rings: `contact` a phone or an e-mail,
    `place` an address, `person` a natural person's name, `owner` an organisation); such a type implements
    `holdings` and may refine `ring_kinds` and `ring_weight`.
    """

    name: ClassVar[str] = ""
    label: ClassVar[dict[str, str]] = {}
    shared_value: ClassVar[str] = ""
    strength: ClassVar[float | None] = None
    max_holders: ClassVar[int | None] = None
    settings: ClassVar[dict[str, Setting]] = {}
    group: ClassVar[str] = ""
    order: ClassVar[int] = 1000
    cost: ClassVar[int] = 0
    person_name: ClassVar[bool] = False
    applicant_columns: ClassVar[tuple[str, ...]] = ()
    filing_columns: ClassVar[tuple[str, ...]] = ()
    doc_strength: ClassVar[str] = ""
    doc_cap: ClassVar[str] = ""
    ring_kind: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.name:
            return
        if not _NAME.match(cls.name):
            raise ValueError(f"link type name '{cls.name}': lower-case letters, digits and _ only")
        known = _REGISTRY.get(cls.name)
        if known is not None and (known.__module__, known.__qualname__) != (cls.__module__, cls.__qualname__):
            raise ValueError(f"link type '{cls.name}' is already registered by {known.__module__}.{known.__qualname__}")
        _REGISTRY[cls.name] = cls

    @classmethod
    def group_name(cls) -> str:
        """The group this link type runs in (its own name unless it shares one)."""
        return cls.group or cls.name

    @classmethod
    def configurable(cls) -> bool:
        """Whether a rule set may set its strength, hub cap and `enabled`."""
        return cls.strength is not None

    @classmethod
    def describe(cls, lang: str = "en") -> str:
        """Its label, in `lang` ('en' or 'zh')."""
        return cls.label.get(lang) or cls.label["en"]

    @classmethod
    def applies(cls, inputs: LinkInputs) -> bool:
        """Enabled, and the columns it reads are there."""
        if cls.configurable() and not inputs.cfg.link_types[cls.name].enabled:
            return False
        return all(c in inputs.apps for c in cls.applicant_columns) and all(
            c in inputs.filings for c in cls.filing_columns
        )

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        """The links and hub values of this type; `earlier`: what the link types before it in its group found."""
        raise NotImplementedError

    def holdings(self, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
        """(applicant codes, value keys), one row per holding ('' = none): what a ring may share (`ring_kind`)."""
        raise NotImplementedError

    def ring_kinds(self, keys: np.ndarray) -> np.ndarray:
        """The ring kind of each key (all `ring_kind`, unless one column holds values of several kinds)."""
        return np.full(len(keys), self.ring_kind, dtype=object)

    def ring_weight(self, inputs: LinkInputs, keys: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Weight of a tie through a hub value `keys[i]` between two members a[i], b[i] of a ring (graphs.rings):
        the value counts as if it were held by `max_holders` applicants, the most that still tie."""
        lt = inputs.cfg.link_types[self.name]
        w = damped_weight(lt.strength, np.array([lt.max_holders]), inputs.cfg.free_holders, inputs.cfg.damping_exponent)
        return np.full(len(a), float(w[0]))


def holdings_of(kind: LinkType, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
    """`kind.holdings(inputs)`, read once per inputs (a link type and the ring type both read them)."""
    key = ("holdings", kind.name)
    if key not in inputs.cache:
        inputs.cache[key] = kind.holdings(inputs)
    return inputs.cache[key]


def factorize_holdings(codes: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(applicant codes, key codes, distinct keys) of the holdings that carry a key ('' = none)."""
    keys = np.asarray(keys, dtype=object)
    mask = keys != ""
    key_code, uniques = pd.factorize(keys[mask])
    return np.asarray(codes)[mask], key_code, np.asarray(uniques, dtype=object)


def factorized_of(kind: LinkType, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """factorize_holdings of `kind`'s holdings, computed once per inputs."""
    key = ("factorized", kind.name)
    if key not in inputs.cache:
        inputs.cache[key] = factorize_holdings(*holdings_of(kind, inputs))
    return inputs.cache[key]


def empty_hubs() -> pd.DataFrame:
    """A hub table with no rows (a copy of one made once: building a frame costs ~0.5 ms, a dozen times a batch)."""
    return _empty_hub_table().copy()


@functools.cache
def _empty_hub_table() -> pd.DataFrame:
    return pd.DataFrame(columns=HUB_COLUMNS)


def _discover() -> None:
    """Import every module of this package once, so that each link type file registers its class."""
    global _discovered
    if _discovered:
        return
    package = importlib.import_module(__package__)
    for module in sorted(m.name for m in pkgutil.iter_modules(package.__path__)):
        importlib.import_module(f"{__package__}.{module}")
    _discovered = True


def link_types() -> tuple[type[LinkType], ...]:
    """Every registered link type, in link order (`order`, then name)."""
    _discover()
    return tuple(sorted(_REGISTRY.values(), key=lambda k: (k.order, k.name)))


def link_type(name: str) -> type[LinkType]:
    """The registered class of a link type; ValueError names the known ones."""
    kinds = {k.name: k for k in link_types()}
    if name not in kinds:
        raise ValueError(f"unknown link type '{name}' (known: {', '.join(kinds)})")
    return kinds[name]


def unregister(name: str) -> None:
    """Remove a link type from the registry (a test's or a notebook's own type)."""
    _REGISTRY.pop(name, None)


def link_groups() -> tuple[str, ...]:
    """The groups of link types, in the order of their first member; links are put together in this order."""
    return tuple(dict.fromkeys(k.group_name() for k in link_types()))


def group_members(group: str) -> tuple[type[LinkType], ...]:
    """The link types of one group, in order."""
    return tuple(k for k in link_types() if k.group_name() == group)


def group_cost(group: str) -> int:
    """Expected cost of a group (its dearest member): dearer groups are handed to workers first."""
    return max(k.cost for k in group_members(group))


def person_name_types() -> tuple[str, ...]:
    """Link types whose value is a person's name."""
    return tuple(k.name for k in link_types() if k.person_name)


def filing_columns() -> list[str]:
    """The filing columns the link types read, besides `app`."""
    return list(dict.fromkeys(c for k in link_types() for c in k.filing_columns))


def type_settings() -> dict[str, Setting]:
    """The `graph` settings owned by link types (a setting shared by several types is declared once, by a base)."""
    out: dict[str, Setting] = {}
    for kind in link_types():
        for key, setting in kind.settings.items():
            if out.setdefault(key, setting) != setting:
                raise ValueError(f"graph setting '{key}' is declared twice with different defaults or ranges")
    return out


def link_labels(lang: str) -> dict[str, str]:
    """Report labels `link_<name>` of every link type in `lang`."""
    return {f"link_{k.name}": k.describe(lang) for k in link_types()}
