"""metrics stage of tmscreen."""
