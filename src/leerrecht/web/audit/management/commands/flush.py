"""``flush`` empties every table, the audit log included: an explicit, destructive command.

On SQLite ``flush`` deletes row by row, which the audit table's trigger refuses; this command
allows it for the duration of the flush only (see :mod:`leerrecht.web.audit.triggers`).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from leerrecht.web.audit.triggers import audit_legen_toegestaan


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        with audit_legen_toegestaan(connections[options["database"]]):
            super().handle(**options)
