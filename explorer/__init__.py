"""Seoul Services Explorer: find the Seoul citizen services you can use."""

__version__ = "0.1.0"
