"""Analysis passes over the IR; their results are the side tables of facts.py."""
