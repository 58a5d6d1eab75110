"""The click command line: a thin shell over detector.api."""
