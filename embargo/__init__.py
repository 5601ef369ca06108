"""embargo: screen parties, goods and routes against sanctions and export-control lists."""

__version__ = "0.1.0"
