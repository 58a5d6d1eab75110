"""The statuses an applicant can have in the registry (a contract: extend, never rename). A module of its own so
that the CLI can offer them as choices without loading the registry's storage code."""

STATUSES = ("suspected", "confirmed", "cleared", "appealed")
