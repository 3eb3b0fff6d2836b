"""Browser tests: the fixtures `browser` and `page` live in tests/conftest.py (shared)."""
