"""Rule-file checks beyond the schema: one small class per check, registered by subclassing (pySigma-style).

Ids are stable and never reused: TMS-L004 (filing-scope rules have no window conditions) is retired, because a
condition kind used outside its scopes (`Condition.scopes`) is already a located parse error.
"""

from __future__ import annotations

from collections import defaultdict

from detector.errors import RuleFileError
from detector.metrics.catalogue import BY_SCOPE
from detector.rules.compiled import CompiledRule
from detector.rules.conditions import MatchCondition
from detector.rules.template import CONTEXT_KEYS, placeholders
from detector.text import Text, in_lang

CHECKS: list[type[RuleCheck]] = []


class RuleCheck:
    """Base: `check(rules)` yields RuleFileErrors; `severity` is error or warning."""

    id = ""
    severity = "error"
    description = ""

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        CHECKS.append(cls)

    def check(self, rules: list[CompiledRule]):
        raise NotImplementedError


def _at(rule: CompiledRule, key: str, message: Text) -> RuleFileError:
    src = rule.rule.source
    line, col = src.pos(key) if src is not None else (0, 0)
    rid = rule.rule.id
    text = Text(en=f"{rid}: {message.en}", zh=f"{rid}：{message.zh}")
    return RuleFileError(text, file=rule.rule.file, line=line, column=col)


class DuplicateRuleId(RuleCheck):
    id = "TMS-L001"
    description = "Rule ids are unique across the rule set."

    def check(self, rules):
        first: dict[str, CompiledRule] = {}
        for r in rules:
            if r.rule.id in first:
                other = first[r.rule.id]
                line, _ = other.rule.source.pos("id") if other.rule.source is not None else (0, 0)
                yield _at(
                    r,
                    "id",
                    Text(
                        en=f"duplicate rule id (first defined at {other.rule.file}:{line})",
                        zh=f"规则 id 重复（首次定义在 {other.rule.file} 第 {line} 行）",
                    ),
                )
            else:
                first[r.rule.id] = r


class MatchPlacement(RuleCheck):
    id = "TMS-L002"
    description = "A rule has at most one match condition, at the top level or directly under a top-level all."

    def check(self, rules):
        for r in rules:
            matches = [c for c in r.condition.walk() if isinstance(c, MatchCondition)]
            if len(matches) > 1:
                yield _at(
                    r,
                    "when",
                    Text(
                        en="more than one match condition (split it into several rules)",
                        zh="匹配条件多于一个（请拆成几条规则）",
                    ),
                )
            elif matches and r.match is None:
                yield _at(
                    r,
                    "when",
                    Text(
                        en="a match condition must stand at the top level or directly under 'all'",
                        zh="匹配条件必须位于顶层，或直接位于 'all' 之下",
                    ),
                )
            if any(e.needs_match for e in r.exceptions) and not matches:
                yield _at(
                    r,
                    "unless",
                    Text(
                        en="rights_holder/owner_of_matched exceptions need a match condition",
                        zh="rights_holder/owner_of_matched 例外需要一个匹配条件",
                    ),
                )


class TemplateFields(RuleCheck):
    id = "TMS-L003"
    description = "Every {placeholder} in explain names evidence the rule produces."

    def check(self, rules):
        for r in rules:
            allowed = set(CONTEXT_KEYS[r.rule.scope]) | set(BY_SCOPE.get(r.rule.scope, {}))
            allowed |= r.condition.evidence_keys()
            for lang in ("zh", "en"):
                for name in placeholders(r.rule.explain.get(lang, "")):
                    if name not in allowed:
                        yield _at(
                            r,
                            "explain",
                            Text(
                                en=f"explain.{lang} uses '{{{name}}}', which this rule has no value for",
                                zh=f"explain.{lang} 用到了 '{{{name}}}'，但这条规则没有这个值",
                            ),
                        )


class RuleHasTests(RuleCheck):
    id = "TMS-L005"
    severity = "warning"
    description = "Every rule carries inline tests with at least one hit and one no-hit case."

    def check(self, rules):
        for r in rules:
            tests = r.rule.tests or {}
            if not tests.get("hit") or not tests.get("no_hit"):
                yield _at(
                    r,
                    "id",
                    Text(
                        en="no inline tests with both hit and no_hit cases",
                        zh="没有同时包含 hit 和 no_hit 用例的内联测试",
                    ),
                )


class RuleHasFalsePositiveNote(RuleCheck):
    id = "TMS-L006"
    severity = "warning"
    description = "Every rule documents its known false positives."

    def check(self, rules):
        for r in rules:
            if not r.rule.false_positives:
                yield _at(r, "id", Text(en="no false_positives note", zh="没有 false_positives（已知误报）说明"))


def lint_rules(rules: list[CompiledRule]) -> tuple[list[RuleFileError], list[RuleFileError]]:
    """Run every registered check; returns (errors, warnings)."""
    errors, warnings = [], []
    by_sev: dict[str, list] = defaultdict(list)
    for cls in CHECKS:
        for problem in cls().check(rules):
            problem.message = Text(
                en=f"[{cls.id}] {in_lang(problem.message, 'en')}", zh=f"[{cls.id}] {in_lang(problem.message, 'zh')}"
            )
            by_sev[cls.severity].append(problem)
    errors, warnings = by_sev["error"], by_sev["warning"]
    return errors, warnings
