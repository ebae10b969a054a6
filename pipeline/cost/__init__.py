"""Cost: prices and tenants (pricing), the usage ledger (ledger), OpenCost-style allocation
(allocation), budgets checked during a run (budgets), reports (report), and the run meter that
measures a run's usage (meter). Data flows pricing -> ledger -> allocation -> report; budgets and
the meter use pricing and the ledger."""
