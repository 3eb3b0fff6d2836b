"""Append only in the database itself: triggers refuse UPDATE and DELETE on the audit table.

The one exception is DELETE of rows older than :data:`AUDIT_BEWAARTERMIJN_JAREN`, which the
retention job removes. Both vendors get the same rule (migration 0003):

- PostgreSQL: one plpgsql trigger function, BEFORE UPDATE OR DELETE, FOR EACH ROW.
- SQLite: a BEFORE UPDATE trigger that always aborts, and a BEFORE DELETE trigger that aborts
  for rows younger than the retention period.

``manage.py flush`` (and the test database teardown, which uses it) empties every table on
purpose. On PostgreSQL it uses TRUNCATE, which row triggers do not see. On SQLite it uses DELETE,
so :func:`audit_legen_toegestaan` opens the table for deletes for the duration of that command
only: the SQLite trigger asks the function ``leerrecht_audit_legen()`` which this module
registers on every SQLite connection (without it, for example in the sqlite3 shell, the function
does not exist and the DELETE fails: closed by default).
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from leerrecht.web.audit.models import AUDIT_BEWAARTERMIJN_JAREN

TABEL = "audit_auditregel"
MELDING_WIJZIGEN = "Het audit-log is alleen aan te vullen: een auditregel wijzigen kan niet."
MELDING_VERWIJDEREN = (
    "Het audit-log is alleen aan te vullen: een auditregel verwijderen kan pas na de "
    f"bewaartermijn van {AUDIT_BEWAARTERMIJN_JAREN} jaar."
)

_legen_toegestaan: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "audit_legen_toegestaan", default=False
)

POSTGRES_AAN = [
    f"""
    CREATE OR REPLACE FUNCTION {TABEL}_alleen_aanvullen() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND (
            OLD.wanneer < now() - interval '{AUDIT_BEWAARTERMIJN_JAREN} years'
            OR current_setting('leerrecht.audit_legen', true) = 'aan'
        ) THEN
            RETURN OLD;
        END IF;
        IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION '{MELDING_VERWIJDEREN}';
        END IF;
        RAISE EXCEPTION '{MELDING_WIJZIGEN}';
    END;
    $$ LANGUAGE plpgsql;
    """,
    f"""
    CREATE TRIGGER {TABEL}_alleen_aanvullen BEFORE UPDATE OR DELETE ON {TABEL}
    FOR EACH ROW EXECUTE FUNCTION {TABEL}_alleen_aanvullen();
    """,
]
POSTGRES_UIT = [
    f"DROP TRIGGER IF EXISTS {TABEL}_alleen_aanvullen ON {TABEL};",
    f"DROP FUNCTION IF EXISTS {TABEL}_alleen_aanvullen();",
]

SQLITE_AAN = [
    f"""
    CREATE TRIGGER {TABEL}_geen_update BEFORE UPDATE ON {TABEL}
    BEGIN SELECT RAISE(ABORT, '{MELDING_WIJZIGEN}'); END;
    """,
    # Django stores datetimes in SQLite as 'YYYY-MM-DD HH:MM:SS[.ffffff]' in UTC, the same text
    # form as datetime('now', ...), so the comparison is a plain text comparison
    f"""
    CREATE TRIGGER {TABEL}_geen_delete BEFORE DELETE ON {TABEL}
    WHEN OLD.wanneer >= datetime('now', '-{AUDIT_BEWAARTERMIJN_JAREN} years')
        AND NOT leerrecht_audit_legen()
    BEGIN SELECT RAISE(ABORT, '{MELDING_VERWIJDEREN}'); END;
    """,
]
SQLITE_UIT = [
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_update;",
    f"DROP TRIGGER IF EXISTS {TABEL}_geen_delete;",
]


def sqlite_functie_registreren(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """``connection_created`` receiver: the function the SQLite delete trigger asks."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "leerrecht_audit_legen", 0, lambda: int(_legen_toegestaan.get())
        )


@contextmanager
def audit_legen_toegestaan(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Allow deleting audit rows while the block runs (``flush`` and the demo only; never in
    views). On PostgreSQL inside a transaction the permission is local to that transaction: when
    the block fails, the rollback takes it back."""
    token = _legen_toegestaan.set(True)
    postgres = connection.vendor == "postgresql"
    lokaal = connection.in_atomic_block
    if postgres:
        _zet(connection, "aan", lokaal)
    gelukt = False
    try:
        yield
        gelukt = True
    finally:
        _legen_toegestaan.reset(token)
        # a failed transaction accepts no statement until its rollback, which resets it anyway
        if postgres and (gelukt or not lokaal):
            _zet(connection, "", lokaal)


def _zet(connection: BaseDatabaseWrapper, waarde: str, lokaal: bool) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('leerrecht.audit_legen', %s, %s)", [waarde, lokaal])
