"""Benchmark of the trial store and browser (run with `make bench`; not collected by pytest)."""
