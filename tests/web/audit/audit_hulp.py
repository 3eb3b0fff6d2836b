"""Helpers for the audit tests: walking the URLconf, logging in, a privacy officer."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.models import User
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from web_hulp import PASSWORD, make_user

from leerrecht.web.audit.models import AuditRegel
from leerrecht.web.scholen.models import RolSoort, School


def url_namen(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[str]:
    """Every URL name of the URLconf as ``namespace:name`` (nested namespaces joined)."""
    resolver = resolver or get_resolver()
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            ns = patroon.namespace
            volledig = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from url_namen(patroon, volledig)
        elif isinstance(patroon, URLPattern):
            naam = patroon.name or f"<zonder naam: {patroon.pattern}>"
            yield f"{namespace}:{naam}" if namespace else naam


def inloggen(client: Client, user: User) -> Client:
    assert client.login(username=user.username, password=PASSWORD)
    return client


def privacyfunctionaris(school: School, username: str = "privacy") -> User:
    return make_user(username, school, RolSoort.PRIVACY)


def nieuwe_regels(voor: int) -> list[AuditRegel]:
    """The rows written since the row with pk ``voor`` (oldest first)."""
    return list(AuditRegel.objects.filter(pk__gt=voor).order_by("pk"))


def laatste_pk() -> int:
    laatste = AuditRegel.objects.order_by("-pk").first()
    return laatste.pk if laatste else 0
