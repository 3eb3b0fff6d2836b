"""Helpers for the school beheer tests, next to the shared factories of ``tests/web/web_hulp.py``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from web_hulp import PASSWORD, D, World, absent_days, make_pupil, make_school, make_user

from leerrecht.web.scholen.models import School

__all__ = [
    "PASSWORD",
    "D",
    "World",
    "absent_days",
    "login",
    "make_pupil",
    "make_school",
    "make_user",
    "pad",
    "tekst",
]


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def pad(naam: str, school: School, *args: object, **query: str) -> str:
    """The URL of a beheer page of ``school``: ``/schoolbeheer/...?school=<pk>``."""
    return (
        f"{reverse(f'schoolbeheer:{naam}', args=args)}?{urlencode({'school': school.pk, **query})}"
    )


def tekst(response: object) -> str:
    """The page as text (the response of the test client)."""
    return response.content.decode()  # type: ignore[attr-defined,no-any-return]
