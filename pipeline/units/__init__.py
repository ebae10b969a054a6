"""Load source files and cut them into function-level units."""
