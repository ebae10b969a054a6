"""The server fixtures themselves: they start real servers that really answer."""

from __future__ import annotations

import fsspec
import pytest
import redis
import s3fs

from tests.fixtures.servers import RedisServer, S3Server, _redis_ping


def test_s3_server_writes_and_reads_through_s3fs(s3_server: S3Server) -> None:
    fs = s3fs.S3FileSystem(skip_instance_cache=True, **s3_server.storage_options)
    path = f"{s3_server.bucket}/fixture-check/hello.txt"
    with fs.open(path, "wb") as f:
        f.write(b"hello from portalis")
    with fs.open(path, "rb") as f:
        assert f.read() == b"hello from portalis"
    assert fs.ls(f"{s3_server.bucket}/fixture-check") == [path]
    fs.rm(path)


def test_s3_server_through_fsspec_urls_and_new_bucket(s3_server: S3Server) -> None:
    bucket = s3_server.new_bucket()
    url = f"s3://{bucket}/a/b.json"
    with fsspec.open(url, "w", **s3_server.storage_options) as f:
        f.write('{"ok": true}')
    with fsspec.open(url, "r", **s3_server.storage_options) as f:
        assert f.read() == '{"ok": true}'
    assert s3_server.url("x/y") == f"s3://{s3_server.bucket}/x/y"


def test_redis_server_stop_and_start(redis_server: RedisServer) -> None:
    client = redis.Redis.from_url(redis_server.url)
    client.set("k", "v")
    assert redis_server.running and client.get("k") == b"v"
    redis_server.stop()
    assert not redis_server.running and not _redis_ping(redis_server.port)
    redis_server.start()
    assert client.get("k") is None  # a fresh, empty server on the same port
    client.close()


def test_redis_server_with_password_requires_it(redis_server_with_password: RedisServer) -> None:
    server = redis_server_with_password
    assert server.password and f":{server.password}@" in server.url
    assert redis.Redis.from_url(server.url).ping()
    with pytest.raises(redis.AuthenticationError):
        redis.Redis.from_url(server.url_without_password).ping()
