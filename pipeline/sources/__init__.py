"""Discover Python sources: local directories, archives (safely extracted) and fsspec URLs."""

from pipeline.sources.discover import Discovery, RepoSource, discover_repo, resolve_sources

__all__ = ["Discovery", "RepoSource", "discover_repo", "resolve_sources"]
