"""transfer: marks assigned from one applicant of the batch to another."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.damping import damped_weight
from graphs.links.registry import Found, LinkInputs, LinkType
from graphs.values import nonempty


class Transfer(LinkType):
    """Assignor -> assignee (the filings' `assignee`) when the assignee is an applicant of the batch; damped by the
    assignor's number of buyers, cut above `max_holders` buyers (a seller of marks to all comers)."""

    name = "transfer"
    label: ClassVar[dict[str, str]] = {"en": "transfer", "zh": "商标转让"}
    shared_value = "marks assigned (filings' `assignee`) from one applicant of the batch to another"
    strength = 0.8
    max_holders = 8
    doc_cap = "8 buyers"
    order = 50
    cost = 10
    filing_columns = ("assignee",)

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        apps, filings, cfg = inputs.apps, inputs.filings, inputs.cfg
        assigned = nonempty(filings["assignee"])
        if not assigned.any():  # no assignment in the batch (a small batch's usual case): no frame to select
            return Found()
        from detector.normalize import canonical_list  # here: the pinyin tables load in seconds, the registry in none

        lt = cfg.link_types[self.name]
        sub = filings.loc[assigned, ["app", "assignee"]]
        codes, uniques = pd.factorize(sub["assignee"])
        canon = np.array(canonical_list([str(u) for u in uniques.tolist()]), dtype=object)[codes]  # one pass
        name_to_app = pd.Series(np.arange(len(apps)), index=apps["canon_name"].to_numpy())
        name_to_app = name_to_app[~name_to_app.index.duplicated(keep="first") & (name_to_app.index != "")]
        target = name_to_app.reindex(canon).to_numpy()
        pairs = pd.DataFrame({"x": sub["app"].to_numpy(), "y": target, "name": sub["assignee"].to_numpy()}).dropna()
        pairs["y"] = pairs["y"].astype(np.int64)
        pairs = pairs[pairs["x"] != pairs["y"]]
        if pairs.empty:
            return Found()
        agg = pairs.groupby(["x", "y"], sort=True).agg(name=("name", "first"), marks=("name", "size")).reset_index()
        buyers = agg.groupby("x")["y"].transform("size").to_numpy()
        hub = buyers > lt.max_holders
        hubs = agg.loc[hub | (buyers > cfg.free_holders), ["x"]].drop_duplicates()
        hub_rows = pd.DataFrame(
            {
                "link_type": lt.name,
                "value": apps["applicant_id"].to_numpy()[hubs["x"].to_numpy()].astype(object),
                "holders": agg.groupby("x")["y"].size().reindex(hubs["x"]).to_numpy(),
            }
        )
        hub_rows["action"] = np.where(hub_rows["holders"] > lt.max_holders, "cut", "damped")
        agg, buyers = agg[~hub], buyers[~hub]
        x, y = agg["x"].to_numpy(), agg["y"].to_numpy()
        value = (
            apps["name"].to_numpy()[x].astype(object)
            + " → "
            + agg["name"].to_numpy().astype(object)
            + " ("
            + agg["marks"].astype(str).to_numpy().astype(object)
            + ")"
        )
        w = damped_weight(lt.strength, buyers, cfg.free_holders, cfg.damping_exponent)
        return Found(
            [(np.minimum(x, y), np.maximum(x, y), np.full(len(agg), lt.name, dtype=object), value, w)], [hub_rows]
        )
