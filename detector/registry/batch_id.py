"""A batch's id: derived from its input files' hashes, so the same inputs get the same id."""

from __future__ import annotations

import hashlib
import json


def batch_id_of(input_hashes: dict[str, str], ruleset_sha256: str = "") -> str:
    """16 hex digits of sha256 over the sorted input file hashes (the keys, roles or paths, do not count).

    The rule set is recorded with the batch but is not part of its id: screening the same files again with tuned
    rules is the same batch, so it is not recorded twice and never double-counts (issue 16)."""
    del ruleset_sha256  # accepted for the contract; deliberately not part of the id (see above)
    payload = json.dumps(sorted(str(v) for v in input_hashes.values()))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
