"""eventwire: raw news in, a traceable event dataset out."""

__version__ = "0.1.0"
