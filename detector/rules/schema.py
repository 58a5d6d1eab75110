"""JSON Schema of rule-set files (`tmscreen rules schema` prints it so editors can autocomplete)."""

from __future__ import annotations

OPS = ["==", "!=", ">", ">=", "<", "<=", "in", "not_in", "between"]
SCOPES = ["filing", "applicant", "cluster", "agent"]
CATEGORIES = ["hoarding", "squatting", "public_interest", "cluster", "agent", "history"]
LEVELS = ["informational", "low", "medium", "high", "critical"]
STATUSES = ["active", "experimental", "deprecated"]
METHODS = ["exact", "contains", "pinyin", "pinyin_contains", "edit", "visual", "latin"]
COMPARATORS = [*OPS, "rights_holder", "owner_of_matched", "in_list"]

_TEXT = {
    "type": "object",
    "required": ["zh", "en"],
    "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
    "additionalProperties": False,
}
_SCALAR = {"type": ["string", "number", "boolean"]}
_VALUE = {"oneOf": [_SCALAR, {"type": "array", "items": _SCALAR}]}

CONDITION = {
    "$id": "#condition",
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "properties": {
        "all": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
        "any": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/condition"}},
        "not": {"$ref": "#/$defs/condition"},
        "window": {
            "type": "object",
            "required": ["timespan", "op", "value"],
            "properties": {
                "timespan": {"type": "string", "pattern": "^[1-9][0-9]*d$"},
                "count": {"enum": ["filings"]},
                "op": {"enum": OPS},
                "value": _VALUE,
            },
            "additionalProperties": False,
        },
        "classes": {
            "type": "object",
            "properties": {
                "any_of": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 45}},
                "none_of": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 45}},
            },
            "minProperties": 1,
            "additionalProperties": False,
        },
        "match": {
            "type": "object",
            "required": ["list"],
            "properties": {
                "field": {"enum": ["mark_text"]},
                "list": {"type": "string"},
                "methods": {"type": "array", "items": {"enum": METHODS}, "minItems": 1},
                "min_similarity": {"type": "integer", "minimum": 1, "maximum": 100},
                "event_within_days": {"type": "integer", "minimum": 0},
                "not_before_event_days": {"type": "integer", "minimum": 0},
                "same_class": {"type": "boolean"},
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
# A metric comparison is {metric, op, value}: allow those three keys together.
METRIC_CONDITION = {
    "type": "object",
    "required": ["metric", "op", "value"],
    "properties": {"metric": {"type": "string"}, "op": {"enum": OPS}, "value": _VALUE},
    "additionalProperties": False,
}

EXCEPTION = {
    "type": "object",
    "required": ["field", "comparator"],
    "properties": {
        "field": {"type": "string"},
        "comparator": {"enum": COMPARATORS},
        "values": {"type": "array", "items": _SCALAR},
        "note": {"type": "string"},
    },
    "additionalProperties": False,
}

RULE_TEST_CASE = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string"},
        "metrics": {"type": "object"},
        "filings": {
            "oneOf": [
                {"type": "array", "items": {"type": "object"}, "minItems": 1},
                {
                    "type": "object",
                    "required": ["count"],
                    "properties": {
                        "count": {"type": "integer", "minimum": 1, "maximum": 5000},
                        "days": {"type": "integer", "minimum": 1},
                    },
                    "additionalProperties": False,
                },
            ]
        },
        "register": {"type": "array", "items": {"type": "object"}},
        "applicant": {"type": "object"},
        "note": {"type": "string"},
    },
    "additionalProperties": False,
}

RULE = {
    "type": "object",
    "required": [
        "id",
        "title",
        "explain",
        "category",
        "scope",
        "when",
        "points",
        "level",
        "legal_basis",
        "status",
        "false_positives",
    ],
    "properties": {
        "id": {"type": "string", "pattern": "^[A-Z][A-Z0-9]*-[0-9]{3}$"},
        "title": _TEXT,
        "explain": _TEXT,
        "category": {"enum": CATEGORIES},
        "scope": {"enum": SCOPES},
        "when": {"$ref": "#/$defs/condition"},
        "unless": {"type": "array", "items": EXCEPTION},
        "points": {"type": "number", "minimum": 0, "maximum": 100},
        "level": {"enum": LEVELS},
        "legal_basis": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "references": {"type": "array", "items": {"type": "string"}},
        "false_positives": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "status": {"enum": STATUSES},
        "tests": {
            "type": "object",
            "properties": {
                "hit": {"type": "array", "items": RULE_TEST_CASE},
                "no_hit": {"type": "array", "items": RULE_TEST_CASE},
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

SCORING = {
    "type": "object",
    "required": ["combine", "threshold", "levels"],
    "properties": {
        "combine": {"enum": ["noisy_or", "capped_sum"]},
        "threshold": {"type": "number", "minimum": 0, "maximum": 100},
        "levels": {
            "type": "object",
            "required": ["high", "medium", "low"],
            "properties": {k: {"type": "number", "minimum": 0, "maximum": 100} for k in ("high", "medium", "low")},
            "additionalProperties": False,
        },
        "cluster_propagation": {"type": "number", "minimum": 0, "maximum": 1},
        "filing_rule_repeat": {"type": "number", "minimum": 0, "maximum": 1},
        "filing_rule_repeat_cap": {"type": "number", "minimum": 0, "maximum": 100},
    },
    "additionalProperties": False,
}

_LINK_TYPE = {
    "type": "object",
    "properties": {
        "strength": {"type": "number", "minimum": 0, "maximum": 1},
        "max_holders": {"type": "integer", "minimum": 2, "maximum": 100000},
        "enabled": {"type": "boolean"},
    },
    "additionalProperties": False,
}

GRAPH = {
    "type": "object",
    "properties": {
        "min_pair_weight": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
        "free_holders": {"type": "integer", "minimum": 2, "maximum": 1000},
        "same_district_boost": {"type": "number", "minimum": 1, "maximum": 3},
        "damping_exponent": {"type": "number", "minimum": 0, "maximum": 4},
        "fuzzy_address_similarity": {"type": "number", "minimum": 50, "maximum": 100},
        "fuzzy_address_max_block": {"type": "integer", "minimum": 0, "maximum": 20000},
        "same_mark_min_shared": {"type": "integer", "minimum": 1, "maximum": 1000},
        "same_mark_min_length": {"type": "integer", "minimum": 1, "maximum": 50},
        "community_size_cap": {"type": "integer", "minimum": 2, "maximum": 1000000},
        "community_seed": {"type": "integer"},
        "community_resolution": {"type": "number", "exclusiveMinimum": 0, "maximum": 100},
        "link_types": {
            "type": "object",
            "properties": {
                name: _LINK_TYPE
                for name in (
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
            },
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}

RULESET = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://tmscreen.invalid/schema/ruleset.json",
    "title": "tmscreen rule-set file",
    "type": "object",
    "required": ["ruleset", "version", "description"],
    "properties": {
        "ruleset": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_.-]*$"},
        "version": {"type": "string"},
        "description": _TEXT,
        "references": {"type": "array", "items": {"type": "string"}},
        "lists": {"type": "array", "items": {"type": "string"}},
        "scoring": SCORING,
        "graph": GRAPH,
        "rules": {"type": "array", "items": RULE},
    },
    "additionalProperties": False,
    "$defs": {"condition": {"oneOf": [METRIC_CONDITION, {k: v for k, v in CONDITION.items() if k != "$id"}]}},
}
