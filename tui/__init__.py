"""closeread: a terminal reader for close reading of quotations."""

__version__ = "0.1.0"
