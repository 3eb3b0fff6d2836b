"""Vrijstellingen and verlof over 10 school days, decided by the leerplicht office."""
