"""Planar geometry on float tuples."""
