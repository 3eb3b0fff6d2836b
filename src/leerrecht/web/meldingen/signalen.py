"""Signals other parts of leerrecht listen to, so this app never imports them.

- :data:`status_gewijzigd` is sent inside the transaction of every status change of a
  DuoMelding (``sender=DuoMelding``, ``melding``, ``van``, ``naar``, ``door``, ``notitie``). The
  leerplicht office's inbox uses it to receive a melding once the school has reported it.
"""

from __future__ import annotations

from django.dispatch import Signal

status_gewijzigd = Signal()
