"""Portalis: translate Python codebases into verified Rust, function by function, on Dask."""

__version__ = "0.1.0"
