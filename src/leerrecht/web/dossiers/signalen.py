"""Signals other parts of leerrecht may listen to, so this app never imports them.

- :data:`terugkoppeling_gedaan` is sent inside the transaction when a terugkoppeling to the
  school is recorded as done in a dossier (``sender=Dossier``, ``dossier``, ``actie``,
  ``meldingen``: the inbox meldingen of the dossier). The inbox can use it to show the school
  what was done with its melding (seed 002 §2: "In alle gevallen rapporteert de
  leerplichtambtenaar aan de melder terug").
"""

from __future__ import annotations

from django.dispatch import Signal

terugkoppeling_gedaan = Signal()
