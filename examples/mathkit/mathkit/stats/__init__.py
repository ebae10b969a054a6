"""Descriptive statistics on plain lists of numbers."""

from mathkit.stats.descriptive import mean, median, stdev, variance

__all__ = ["mean", "median", "variance", "stdev"]
