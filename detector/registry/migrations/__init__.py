"""Alembic migrations of the registry schema, shipped in the package and run by detector.registry.migrate."""
