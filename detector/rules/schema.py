"""JSON Schema of rule-set files (`tmscreen rules schema` prints it so editors can autocomplete)."""

from __future__ import annotations

from detector.rules.conditions import condition_schema
from detector.rules.exceptions import exception_schema
from graphs.config import graph_schema

SCOPES = ["filing", "applicant", "cluster", "agent"]
CATEGORIES = ["hoarding", "squatting", "public_interest", "cluster", "agent", "history"]
LEVELS = ["informational", "low", "medium", "high", "critical"]
STATUSES = ["active", "experimental", "deprecated"]

_TEXT = {
    "type": "object",
    "required": ["zh", "en"],
    "properties": {"zh": {"type": "string", "minLength": 1}, "en": {"type": "string", "minLength": 1}},
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

# `points`: a number, or graded points (docs/scoring.md): `base` at the scale's `line`, `add` more per `step` past
# it, at most `max`; the scale reads a metric of the rule's scope or the most filings within any window.
POINTS = {
    # if/then/else rather than oneOf, so that a plain number out of range gets the plain range message.
    "if": {"type": "number"},
    "then": {"minimum": 0, "maximum": 100},
    "else": {
        "type": "object",
        "required": ["base", "max", "scale"],
        "properties": {
            "base": {"type": "number", "minimum": 0, "maximum": 100},
            "max": {"type": "number", "minimum": 0, "maximum": 100},
            "scale": {
                "type": "object",
                "required": ["line", "step", "add"],
                "properties": {
                    "metric": {"type": "string"},
                    "window": {"type": "string", "pattern": "^[1-9][0-9]*d$"},
                    "line": {"type": "number"},
                    "step": {"type": "number", "exclusiveMinimum": 0},
                    "add": {"type": "number", "minimum": 0},
                    "label": _TEXT,
                },
                "oneOf": [{"required": ["metric"]}, {"required": ["window"]}],
                "additionalProperties": False,
            },
        },
        "additionalProperties": False,
    },
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
        "unless": {"type": "array", "items": exception_schema()},
        "points": POINTS,
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

# The `graph` section: global settings and each registered link type's (graphs/links/<type>.py), from the code.
GRAPH = graph_schema()

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
    "$defs": {"condition": condition_schema()},
}
