"""The demo school of ``leerrecht demo``: a deterministic plan (:mod:`.plan`, Django-free) and
writing it to the database (:mod:`.bouw`)."""
