"""pipeline stage of tmscreen."""
