"""Bundled copies of the repository's ``clusters/*.yaml`` specs, shipped as package data so
``connect("cuda")`` works from an installed package; a test keeps them identical."""
