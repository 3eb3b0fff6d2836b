"""Queries asked on every request, with their SQL written by the ORM once per process.

Building a queryset and compiling it to SQL costs the ORM about a millisecond for a query with
a subquery or two, more than PostgreSQL needs to answer it. The access check of the register,
the menu's roles and the school's calendar are asked on (nearly) every request with the same
shape and other values. :class:`VasteQuery` lets the ORM write the SQL once, for placeholder
values, and then only executes it with the request's values: the same SQL, the same answer.

The placeholders are distinctive integers; every parameter of the compiled SQL that equals one
of them is replaced by the value of that name, the other parameters (constants of the query,
such as the kinds of schoolwide role) stay as compiled. A query is compiled per database
connection alias and vendor. The rows come back as the database driver gives them (no model
instances and no ORM converters: dates from SQLite are text, see :func:`datum`).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet

#: the first placeholder; the others follow (negative: never an id)
_EERSTE = -918_273_600


_Gecompileerd = tuple[str, list[str | None], list[Any], list[tuple[int, tuple[list[Any], Any]]]]


class VasteQuery:
    """``bouw(**placeholders)`` returns the queryset; ``rijen(**values)`` its rows.

    ``omzetten``: the values go through the ORM's converters of the selected columns, as the
    queryset's ``values_list`` would give them (dates and booleans from SQLite); not for a
    ``union``, whose columns are converted by the caller."""

    def __init__(
        self, bouw: Callable[..., QuerySet[Any]], *namen: str, omzetten: bool = False
    ) -> None:
        self.bouw = bouw
        self.namen = namen
        self.omzetten = omzetten
        self._sql: dict[tuple[str, str], _Gecompileerd] = {}
        self._lock = threading.Lock()

    def _gecompileerd(self, using: str) -> _Gecompileerd:
        vendor = connections[using].vendor
        sleutel = (using, vendor)
        klaar = self._sql.get(sleutel)
        if klaar is None:
            plaatshouders = {naam: _EERSTE - n for n, naam in enumerate(self.namen)}
            qs = self.bouw(**plaatshouders)
            compiler = qs.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            omzetters: list[tuple[int, tuple[list[Any], Any]]] = []
            if self.omzetten:
                kolommen = [s[0] for s in compiler.select[: compiler.col_count]]
                omzetters = list(compiler.get_converters(kolommen).items())
            per_waarde = {v: k for k, v in plaatshouders.items()}
            namen = [
                per_waarde.get(p) if isinstance(p, int) and not isinstance(p, bool) else None
                for p in params
            ]
            gevonden = {n for n in namen if n is not None}
            if gevonden != set(self.namen):
                raise ValueError(f"niet elke plaatshouder staat in de SQL: {sorted(gevonden)}")
            klaar = (sql, namen, list(params), omzetters)
            with self._lock:
                self._sql[sleutel] = klaar
        return klaar

    def rijen(self, using: str = "default", **waarden: int) -> list[tuple[Any, ...]]:
        sql, namen, params, omzetters = self._gecompileerd(using)
        gevuld = [p if n is None else waarden[n] for n, p in zip(namen, params, strict=True)]
        connection = connections[using]
        with connection.cursor() as cursor:
            cursor.execute(sql, gevuld)
            rijen = cursor.fetchall()
        if not omzetters:
            return list(rijen)
        omgezet = []
        for rij in rijen:
            waarden_rij = list(rij)
            for pos, (functies, expressie) in omzetters:
                waarde = waarden_rij[pos]
                for functie in functies:
                    waarde = functie(waarde, expressie, connection)
                waarden_rij[pos] = waarde
            omgezet.append(tuple(waarden_rij))
        return omgezet


def datum(waarde: dt.date | str) -> dt.date:
    """A date column as the driver gives it (SQLite: ``YYYY-MM-DD`` text)."""
    return waarde if isinstance(waarde, dt.date) else dt.date.fromisoformat(waarde)
