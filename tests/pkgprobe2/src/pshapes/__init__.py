"""Shapes across modules: geom defines the types, ops and measure use them."""

from .geom import Point

__all__ = ["Point"]
