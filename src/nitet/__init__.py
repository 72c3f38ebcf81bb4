"""nitet (นิเทศ): a command-line toolkit for Thai educational supervisors."""

__version__ = "0.2.0"
