"""Shared pytest configuration. Server fixtures (redis-server, moto S3, Prometheus, Pushgateway,
a browser) live in tests/fixtures."""

pytest_plugins = ["tests.fixtures.servers", "tests.fixtures.browser", "tests.fixtures.monitoring"]
