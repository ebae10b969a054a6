"""The typed IR (nodes.py) and the walkers every pass uses to read it (walk.py)."""
