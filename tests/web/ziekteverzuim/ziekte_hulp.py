"""Helpers for the sick-leave tests (a module with its own name, never a conftest import)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from web_hulp import World

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.registratie.models import Registratie, RegistratieWijziging
from leerrecht.web.registratie.ziekteverzuim import HERCLASSIFICATIE_DOEL


def post_register(
    client: Client, world: World, datum: dt.date, rows: list[dict[str, str]], moment: str = "dag"
) -> Any:
    """Post group 5a's register (a1, a2) for ``datum``; every pupil of the group is a row."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"form-{i}-{key}"] = value
    url = f"/registreren/{world.groep_a.pk}/?datum={datum.isoformat()}&moment={moment}"
    return client.post(url, data)


def ziek(leerling: Any, datum: dt.date, reden: str = "ziek", notitie: str = "") -> Registratie:
    return Registratie.objects.create(
        leerling=leerling, datum=datum, moment="dag", soort="absent", reden=reden, notitie=notitie
    )


def stand() -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Registrations, their history and the reclassification audit rows, value by value."""
    return (
        sorted(
            Registratie.objects.values_list(
                "pk", "leerling_id", "datum", "moment", "soort", "reden", "uren", "notitie"
            )
        ),
        sorted(
            RegistratieWijziging.objects.values_list(
                "pk", "leerling_id", "datum", "oude_waarde", "nieuwe_waarde"
            )
        ),
        sorted(AuditRegel.objects.filter(doel=HERCLASSIFICATIE_DOEL).values_list("pk", "wat")),
    )


def inloggen_in_browser(page: Any, base: str, user: Any) -> None:
    """Log in by session cookie (the login form itself is tested elsewhere)."""
    from django.conf import settings

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])


def toegankelijk(page: Any) -> None:
    """No WCAG 2.x A/AA violations found by axe-core (serious or critical), as in
    tests/browser/browser_hulp.py."""
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    problemen = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert problemen == [], "\n".join(problemen)
