"""Batch interface: read a school's DATA_DIR, evaluate, write JSON or a table."""
