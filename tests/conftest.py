"""Shared pytest configuration. Server fixtures (redis-server, moto S3) live in tests/fixtures."""

pytest_plugins = ["tests.fixtures.servers", "tests.fixtures.browser"]
