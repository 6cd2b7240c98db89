"""``python -m tui``: the same as the ``closeread`` command."""

from tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
