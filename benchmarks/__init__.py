"""Benchmarks: `make bench` (python -m benchmarks) runs each and prints a table."""
