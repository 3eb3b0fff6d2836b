"""The leerrecht web application (Django): schools and, later, leerplicht offices.

The rules live in :mod:`leerrecht.core`; this package stores registrations, scopes every query
to what the user may see, and shows the outcomes.
"""
