"""`python -m detector` works like `tmscreen`."""

from detector.cli.main import main

if __name__ == "__main__":
    main()
