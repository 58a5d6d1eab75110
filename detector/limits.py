"""Documented input caps (README, "what tmscreen guarantees"); enforced with clear errors."""

MAX_CELL_CHARS = 20_000  # any input cell; business scopes run to a few thousand characters
MAX_MARK_CHARS = 500  # a trademark text; longer is not a mark
MAX_RULE_FILE_BYTES = 2_000_000  # one rule or list file (place-name lists are the largest)
MAX_YAML_DEPTH = 40
MAX_YAML_ALIASES = 100
