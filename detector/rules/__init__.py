"""rules stage of tmscreen."""
