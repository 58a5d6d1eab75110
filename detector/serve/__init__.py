"""`tmscreen serve`: the review workspace for enforcement staff and the intake check API, over the registry."""

from detector.serve.app import create_app

__all__ = ["create_app"]
