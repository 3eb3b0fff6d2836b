"""Incremental evaluation: the rule engine's result per pupil and peildatum, kept up to date.

See :mod:`leerrecht.web.evaluaties.cache` and docs/performance.md ("Achtergrondtaken en
incrementele evaluatie").
"""
