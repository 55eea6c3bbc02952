"""contractkg: a knowledge graph of contractual obligations."""

__version__ = "0.1.0"
