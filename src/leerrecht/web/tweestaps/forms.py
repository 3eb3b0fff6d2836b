from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

_APP_CODE = re.compile(r"\d{6}")


class CodeForm(forms.Form):
    """A 6-digit app code, or (unless ``alleen_app``) an 8-character backup code. Spaces and
    hyphens are ignored; backup codes are not case-sensitive."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args: Any, alleen_app: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.alleen_app = alleen_app
        if alleen_app:
            self.fields["code"].widget.attrs["inputmode"] = "numeric"

    @staticmethod
    def is_app_code(token: str) -> bool:
        return bool(_APP_CODE.fullmatch(token))

    def clean_code(self) -> str:
        token = re.sub(r"[\s-]", "", str(self.cleaned_data["code"])).lower()
        if self.is_app_code(token):
            return token
        if self.alleen_app:
            raise forms.ValidationError(_("Typ de 6 cijfers die de app toont."))
        if not re.fullmatch(r"[a-z2-7]{8}", token):
            raise forms.ValidationError(
                _("Typ de 6 cijfers die de app toont, of een reservecode van 8 letters en cijfers.")
            )
        return token
