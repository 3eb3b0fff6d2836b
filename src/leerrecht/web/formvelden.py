"""Form fields shared by the apps."""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.db import models

M = TypeVar("M", bound=models.Model)

#: the range of a database primary key (BigAutoField)
PK_MIN, PK_MAX = -(2**63), 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField[M]):
    """Django's field, but a number outside the range of a primary key is an invalid choice.

    Django 5.2 sends such a number to the database in ``pk__in``, where SQLite raises
    ``OverflowError`` (a crash on a posted ``groepen=10**30``, found by fuzzing).
    """

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple | set | frozenset):
            for pk in value:
                try:
                    getal = int(str(pk))
                except ValueError:
                    continue  # Django's own check names it
                if not PK_MIN <= getal <= PK_MAX:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)
