"""Today in the office's time zone: one function, so tests can fix the date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def vandaag() -> dt.date:
    return timezone.localdate()
