"""The default rule set, installed as the package `detector.bundled_rules` (YAML data only: nothing here runs)."""
