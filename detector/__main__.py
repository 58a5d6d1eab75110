"""`python -m detector` works like `tmscreen`."""

from detector.cli.main import entry

if __name__ == "__main__":
    entry()
