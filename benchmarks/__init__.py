"""Throughput, ingest, validation-at-scale and memory benchmarks: ``python -m benchmarks``."""
