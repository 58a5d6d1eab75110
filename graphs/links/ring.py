"""ring: applicants that share a hub value (cut as too common) and a second value of their own (graphs.rings).

Ten firms with one phone, one e-mail and one legal representative are one group whatever their number; an agency's
phone on three hundred clients' records, an incubator's room and front-desk phone on twenty tenants', or a common
name, ties nobody. The tie keeps each shared hub value at the weight it would have if held by its type's
`max_holders` applicants; the pair's other ties (values below the cap) stay with their own link types.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.links.registry import Found, LinkInputs, LinkType, Setting, empty_hubs, factorized_of, link_types
from graphs.rings import RingSettings, ring_groups


def agent_of(inputs: LinkInputs) -> np.ndarray:
    """Per applicant code, the code of the one agency all its filings name (-1: no agency, or several)."""
    out = np.full(len(inputs.apps), -1, dtype=np.int64)
    if "agent" not in inputs.filings:
        return out
    f = inputs.filings.loc[:, ["app", "agent"]]
    f = f[f["agent"].fillna("").astype(str).str.strip().ne("")].drop_duplicates()
    if f.empty:
        return out
    code, _ = pd.factorize(f["agent"].astype(str).str.strip())
    per_app = pd.DataFrame({"app": f["app"].to_numpy(), "code": code}).drop_duplicates()
    single = per_app.groupby("app")["code"].agg(["size", "first"])
    single = single[single["size"] == 1]
    out[single.index.to_numpy(dtype=np.int64)] = single["first"].to_numpy(dtype=np.int64)
    return out


def ring_holdings(name: str, kind: LinkType, inputs: LinkInputs) -> pd.DataFrame:
    """The holdings of one link type that a ring can share: values held by two or more applicants (a value only one
    applicant holds ties nobody), with their kind, holder count and hub flag (holders above the type's cap)."""
    return ring_holdings_frame(name, kind, *shared_holdings(name, kind, inputs))


def shared_holdings(name: str, kind: LinkType, inputs: LinkInputs) -> tuple[np.ndarray, ...]:
    """ring_holdings as arrays (applicant codes, keys, holder counts, hub flags), one row per (applicant, value):
    whether any value is a hub is known before any frame is built (a small batch seldom has one)."""
    codes, k, uniques = factorized_of(kind, inputs)
    n_keys = np.int64(max(len(uniques), 1))
    pair = pd.unique(np.asarray(codes, dtype=np.int64) * n_keys + k)  # one row per (applicant, value)
    app, k = pair // n_keys, pair % n_keys
    holders = np.bincount(k, minlength=len(uniques))
    keep = holders[k] >= 2
    app, k = app[keep], k[keep]
    return app, uniques[k], holders[k], holders[k] > inputs.cfg.link_types[name].max_holders


def ring_holdings_frame(
    name: str, kind: LinkType, app: np.ndarray, key: np.ndarray, holders: np.ndarray, hub: np.ndarray
) -> pd.DataFrame:
    """The table of shared_holdings' arrays, with each value's ring kind."""
    return pd.DataFrame(
        {"app": app, "type": name, "key": key, "kind": kind.ring_kinds(key), "holders": holders, "hub": hub}
    )


class Ring(LinkType):
    """Reads the holdings of every link type with a `ring_kind` (phone, e-mail, address, the person names and
    shareholders); `strength` scales the kept ties, `max_holders` is the largest ring group it expands."""

    name = "ring"
    label: ClassVar[dict[str, str]] = {"en": "ring (several shared values)", "zh": "团伙（多项共同信息）"}
    shared_value = (
        "a value cut as a hub, shared with a second value: a person or owner in common, or a phone and an e-mail "
        "that are no agency's stamp; an address with a phone or e-mail is not enough"
    )
    strength = 1.0
    max_holders = 500
    doc_strength = "each hub value as if held by its type's max_holders (× 1)"
    doc_cap = "500 members of one ring group"
    order = 80
    cost = 40
    filing_columns = ("agent",)
    settings: ClassVar[dict[str, Setting]] = {
        "ring_min_name_holders": Setting(
            3,
            {"type": "integer", "minimum": 2, "maximum": 1000},
            "a hub value and a person's name make a ring when this many applicants hold both",
        ),
        "ring_max_contact_holders": Setting(
            50,
            {"type": "integer", "minimum": 0, "maximum": 100000},
            "a phone and an e-mail (no person or owner in common) make a ring for at most this many applicants",
        ),
    }

    @classmethod
    def applies(cls, inputs: LinkInputs) -> bool:
        """Enabled; the filings' agency is read when the batch has it."""
        return inputs.cfg.link_types[cls.name].enabled

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        cfg = inputs.cfg
        kinds = {k.name: k() for k in link_types() if k.ring_kind and k.applies(inputs)}
        held = {name: shared_holdings(name, kind, inputs) for name, kind in kinds.items()}
        hub_apps = np.unique(np.concatenate([h[0][h[3]] for h in held.values()] or [np.zeros(0)]))
        if len(hub_apps) == 0:
            return Found(hubs=[empty_hubs()])
        frames = [ring_holdings_frame(name, kinds[name], *h) for name, h in held.items()]
        rows = pd.concat([f[f["app"].isin(hub_apps)] for f in frames], ignore_index=True)
        rows["value"] = np.where(rows["kind"].eq("person"), "person:", rows["type"] + ":") + rows["key"]
        settings = RingSettings(
            int(cfg.options["ring_min_name_holders"]),
            int(cfg.options["ring_max_contact_holders"]),
            cfg.link_types[self.name].max_holders,
        )
        ties = ring_groups(rows, agent_of(inputs), settings)
        if ties.empty:
            return Found(hubs=[empty_hubs()])
        ties["w"] = 0.0
        for name, idx in ties.groupby("type", sort=True).indices.items():
            sub = ties.iloc[idx]
            keys = sub["key"].to_numpy(dtype=object)
            ties.loc[ties.index[idx], "w"] = kinds[name].ring_weight(
                inputs, keys, sub["a"].to_numpy(), sub["b"].to_numpy()
            )
        # A person's name counts once per pair, whatever its roles: its strongest tie.
        ties = ties.sort_values(["a", "b", "value", "w"], ascending=[True, True, True, False], kind="stable")
        ties = ties.drop_duplicates(["a", "b", "value"])
        ties["text"] = ties["type"] + " " + ties["key"] + " (" + ties["holders"].astype(str) + ")"
        log_keep = np.log1p(-np.clip(ties["w"].to_numpy(), 0.0, 0.999999))
        ties["log"] = log_keep
        agg = ties.groupby(["a", "b"], sort=True).agg(log=("log", "sum"), text=("text", " + ".join)).reset_index()
        w = np.minimum(0.95, cfg.link_types[self.name].strength * (1.0 - np.exp(agg["log"].to_numpy())))
        part = (
            agg["a"].to_numpy(dtype=np.int64),
            agg["b"].to_numpy(dtype=np.int64),
            np.full(len(agg), self.name, dtype=object),
            agg["text"].to_numpy(dtype=object),
            w,
        )
        return Found([part], [empty_hubs()])
