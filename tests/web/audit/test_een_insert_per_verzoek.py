"""Recording costs one INSERT per request and nothing else: the pupil's school and the
request's school are subqueries inside that INSERT (issue 7, performance of the hot paths)."""

from __future__ import annotations

from typing import Any

import pytest
from audit_hulp import inloggen
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from web_hulp import D, World, absent_days

pytestmark = pytest.mark.django_db

AUDIT = "leerrecht.web.audit.middleware.AuditMiddleware"


def _queries(client: Client, methode: str, url: str, data: dict[str, str] | None) -> list[str]:
    getattr(client, methode)(url, data or {})  # warm up: caches, the session
    with CaptureQueriesContext(connection) as vastgelegd:
        response = getattr(client, methode)(url, data or {})
    assert response.status_code in (200, 302)
    return [q["sql"] for q in vastgelegd.captured_queries]


def _extra(
    user: User, settings: Any, methode: str, url: str, data: dict[str, str] | None = None
) -> list[str]:
    """The statements a request runs with the audit middleware and not without it."""
    met = _queries(inloggen(Client(), user), methode, url, data)
    # a test client builds its middleware chain once: a new client for the other setting
    settings.MIDDLEWARE = [m for m in django_settings.MIDDLEWARE if m != AUDIT]
    zonder = _queries(inloggen(Client(), user), methode, url, data)
    assert len(met) == len(zonder) + 1, (len(met), len(zonder))
    assert not [q for q in zonder if "audit_auditregel" in q]
    return [q for q in met if "audit_auditregel" in q]


def _is_een_audit_insert(extra: list[str]) -> bool:
    return len(extra) == 1 and extra[0].startswith('INSERT INTO "audit_auditregel"')


def test_werklijst_een_insert_meer(world: World, settings: Any) -> None:
    absent_days(world.a1, [D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 5)])
    extra = _extra(world.coordinator, settings, "get", "/?peildatum=2026-03-20")
    assert _is_een_audit_insert(extra), extra


def test_register_opslaan_een_insert_meer(world: World, settings: Any) -> None:
    url = f"/registreren/{world.groep_a.pk}/?datum=2026-03-02&moment=dag"
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-leerling": str(world.a1.pk),
        "form-0-status": "absent",
        "form-0-reden": "ongeoorloofd",
    }
    extra = _extra(world.docent_a, settings, "post", url, data)
    assert _is_een_audit_insert(extra), extra
