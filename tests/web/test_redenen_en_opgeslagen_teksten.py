"""The absence reasons on the screens are the core's descriptions, translatable; text leerrecht
stores itself (notes on registrations) stays Dutch whatever language the user reads."""

from __future__ import annotations

from django.utils import translation

from leerrecht.core.absence import REASON_DESCRIPTIONS, Reason
from leerrecht.web.registratie.models import REDEN_LABELS


def test_elke_reden_heeft_het_label_van_de_kern() -> None:
    with translation.override("nl"):
        assert {r: str(label) for r, label in REDEN_LABELS.items()} == dict(REASON_DESCRIPTIONS)
    assert set(REDEN_LABELS) == set(Reason)


def test_redenen_zijn_er_in_het_engels() -> None:
    with translation.override("en"):
        labels = {r: str(label) for r, label in REDEN_LABELS.items()}
    assert all(labels[r] != REASON_DESCRIPTIONS[r] for r in Reason), labels
