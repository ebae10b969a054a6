"""Outputs: crates, manifest, summary — written through fsspec and published atomically."""
