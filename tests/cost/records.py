"""Known usage records for ledger and report tests (prices chosen for round numbers)."""

from __future__ import annotations

import datetime as dt

from pipeline.cost.ledger import UsageRecord

NOW = dt.datetime(2026, 12, 7, tzinfo=dt.UTC).timestamp()  # a Monday, 00:00 UTC
HOUR = 3600.0


def record(**changes) -> UsageRecord:
    base = dict(
        run_id="run1",
        tenant="acme",
        job="job1",
        priority="batch",
        instance_type="m5.xlarge",
        pricing_model="on_demand",
        worker="tcp://10.0.0.1:1",
        start=NOW - 3 * HOUR,
        end=NOW - 1 * HOUR,
        threads=2,
        gpus=0,
        memory_limit_bytes=8 * 2**30,
        peak_memory_bytes=2**30,
        busy_s=2 * HOUR,  # of 4 thread-hours: efficiency 0.5
        price_per_hour=1.0,
        on_demand_per_hour=1.0,
        spot_per_hour=0.4,
        reserved_per_hour=0.6,
        share=1.0,
    )
    return UsageRecord(**{**base, **changes})


def known() -> list[UsageRecord]:
    """acme: $2 provisioned, $1 used, $1 idle. beta: $2 provisioned and used (interactive)."""
    return [
        record(),
        record(
            run_id="run2",
            tenant="beta",
            priority="interactive",
            instance_type="g4dn.xlarge",
            worker="tcp://10.0.0.2:1",
            start=NOW - 2 * HOUR,
            end=NOW - HOUR,
            threads=1,
            gpus=1,
            busy_s=HOUR,
            price_per_hour=4.0,
            on_demand_per_hour=4.0,
            spot_per_hour=1.0,
            reserved_per_hour=2.0,
            share=0.5,
        ),
    ]
