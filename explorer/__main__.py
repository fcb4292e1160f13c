"""`python -m explorer` runs the same command as the `explorer` script."""

from explorer.cli import main

if __name__ == "__main__":
    main()
