"""reader: read and annotate digitized newspaper issues in the terminal."""

__version__ = "0.1.0"
