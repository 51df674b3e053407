"""Package and format versions carried in every saved model and every output record."""

__version__ = "0.1.0"
