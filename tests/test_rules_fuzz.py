"""Random YAML thrown at `rules check`: only clean errors (exit 0 or 3), never a traceback or a hang."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_rules_check import HEADER, RULE

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**6), 10**6), st.floats(allow_nan=False), st.text(max_size=20)
)
yaml_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(string.ascii_letters, max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


def _dump(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=string.printable + "：，。冰墩墩&*!|>-[]{}", max_size=400))
def test_random_text(cli, tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "r.yaml"
    path.write_text(text, encoding="utf-8")
    code, _out, err = cli(["rules", "check", path])
    assert code in (0, 3), err
    assert "Traceback" not in err and "internal error" not in err


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(yaml_values)
def test_random_structures(cli, tmp_path_factory, value):
    path = tmp_path_factory.mktemp("fuzz") / "r.yaml"
    path.write_text(_dump(value), encoding="utf-8")
    code, out, err = cli(["rules", "check", path])
    assert code == 3, out + err
    assert "Traceback" not in err and "internal error" not in err


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(RULE.splitlines()), yaml_values)
def test_one_rule_key_replaced_by_noise(cli, tmp_path_factory, line, value):
    """Replace the value of one line of a valid rule by random data: a clean error or a pass."""
    if ":" not in line:
        return
    key = line.split(":", 1)[0]
    noisy = RULE.replace(line, f"{key}: {_dump(value).strip().replace(chr(10), ' ')}", 1)
    path = tmp_path_factory.mktemp("fuzz") / "r.yaml"
    path.write_text(HEADER + noisy, encoding="utf-8")
    code, _out, err = cli(["rules", "check", path])
    assert code in (0, 3), err
    assert "Traceback" not in err and "internal error" not in err
