"""Benchmarks that prove the speed and memory goals of the issues; each prints its ratio."""
