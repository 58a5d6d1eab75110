"""is_agency / agency_evidence: the applicant is a trademark agency, known by identity rather than by one string.

Trademark Law Art. 19(4) lets an agency file only for its own agency services. An applicant is an agency when
- its name is an agency named in the batch's `agent` column, compared through org_key variants (广州市… and 广州…,
  （广州）…, with or without 有限公司 are one firm): evidence `agent`;
- its own name says it is one (…商标代理…, …知识产权代理…, …商标事务所…, …知识产权服务… ; see AGENCY_NAME_WORDS):
  evidence `name`;
- its registered business scope includes trademark agency (商标代理): evidence `scope`.
Words that merely contain 代理 (货运代理, 汽车销售代理, 报关代理) do not make an agency; neither does a law firm's
name alone (a law firm files trademarks only when it does trademark agency, which its name does not say).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs, contains, texts
from detector.metrics.registry import Columns, Metric, computes
from detector.normalize.org_name import org_key_list, org_keys
from detector.text import Text

# Words of an agency's own name (canonical form: simplified, no separators). 专利商标代理 and 商标代理事务所 are
# covered by 商标代理; 知识产权代理事务所 by 知识产权代理.
AGENCY_NAME_WORDS = (
    "商标代理",
    "商标注册代理",
    "知识产权代理",
    "商标事务所",
    "知识产权事务所",
    "知识产权服务",
    "商标服务",
)
_AGENCY_NAME = re.compile("|".join(AGENCY_NAME_WORDS))
_AGENCY_SCOPE = re.compile(r"商标代理|商标注册代理")


def named_agency(names: np.ndarray, agency_names: set[str]) -> np.ndarray:
    """Per name (an object array of str, "" for none): its org_key is one of `agency_names` (the org_key variants of
    the batch's `agent` column), each distinct name keyed once. ~0.2 s for 70,000 names."""
    if not agency_names:
        return np.zeros(len(names), dtype=bool)
    codes, uniques = pd.factorize(names)
    keys = np.array([k in agency_names for k in org_key_list(list(uniques))], dtype=bool)
    return keys[codes] & (names != "")


def batch_named_agency(applicants: pd.DataFrame, agents: pd.Series) -> np.ndarray:
    """named_agency of every applicant of the batch (by row: its applicant code) against the batch's agents."""
    return named_agency(texts(applicants["name"]), org_keys(agents.unique()))


@computes(
    "applicant",
    order=130,
    metrics=[
        Metric(
            "is_agency",
            "bool",
            "",
            Text(
                en="Applicant is a trademark agency: named as agent in the batch (name variants included), its name "
                "says so (商标代理, 知识产权代理, 商标事务所 ...) or its business scope includes trademark agency",
                zh="申请人是商标代理机构：本批次中作为代理机构出现（含名称变体）、名称表明（商标代理、知识产权代理、"
                "商标事务所等）或经营范围包含商标代理",
            ),
        ),
        Metric(
            "agency_evidence",
            "text",
            "agent|name|scope",
            Text(
                en="Why the applicant counts as an agency: agent (named as agent in the batch), name (its name), "
                "scope (its business scope); empty when it is not one",
                zh="认定为代理机构的依据：agent（本批次代理机构）、name（名称）、scope（经营范围）；不是代理机构时为空",
            ),
        ),
    ],
)
def agency(x: ApplicantMetricInputs) -> Columns:
    """A small batch's texts are searched in Python, a large one's by pandas on the whole column; the patterns are
    literal alternatives, which both regex engines match alike."""
    apps = x.applicants
    names = texts(apps["name"])
    by_name = contains(apps["canon_name"], _AGENCY_NAME)
    by_scope = contains(apps["business_scope"], _AGENCY_SCOPE)
    # Made batch-wide beforehand where the pipeline had a core to spare (the identity keys' child), else here.
    by_agent = x.named_agency if x.named_agency is not None else named_agency(names, x.agency_names)
    evidence = np.select([by_agent, by_name, by_scope], ["agent", "name", "scope"], default="").astype(object)
    return {"is_agency": by_agent | by_name | by_scope, "agency_evidence": evidence}
