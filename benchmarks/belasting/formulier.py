"""The register's form as a browser submits it: the fields of the page's (or the htmx answer's)
``<form>``, with the values the page shows. Used by ``locustfile.py`` and ``kosten.py``.

A simulated teacher must post what the page shows, not what the dataset held when it was made:
the warm-up run and earlier saves change the registrations, and a line that differs from the
stored one can be refused for a reason a real page never meets (a note next to sick leave that
is not the stored note, sick leave made ongeoorloofd without the date the parents were told).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

#: the stored lines the register shows, one per pupil: ``form-N-status`` and the other fields
RIJ = re.compile(r"^form-(\d+)-(\w+)$")


class _Lezer(HTMLParser):
    """Collects the successful controls of every ``<form>`` (as a browser submits them)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.formulieren: list[dict[str, str]] = []
        self.velden: dict[str, str] = {}
        self._in_form = False
        self._select: str | None = None
        self._opties: list[tuple[str, bool]] = []
        self._textarea: str | None = None
        self._tekst: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._in_form = True
            self.velden = {}
            self.formulieren.append(self.velden)
        if not self._in_form:
            return
        naam = a.get("name", "")
        if tag == "input" and naam and "disabled" not in a:
            soort = a.get("type", "text").lower()
            if soort in ("submit", "button", "reset", "image", "file"):
                return
            if soort in ("radio", "checkbox") and "checked" not in a:
                return
            self.velden[naam] = a.get("value", "on" if soort in ("radio", "checkbox") else "")
        elif tag == "select" and naam:
            self._select, self._opties = naam, []
        elif tag == "option" and self._select is not None:
            self._opties.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea" and naam:
            self._textarea, self._tekst = naam, []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._tekst.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._in_form:
            self._in_form = False
        elif tag == "select" and self._select is not None:
            gekozen = [w for w, selected in self._opties if selected]
            if gekozen or self._opties:
                self.velden[self._select] = (gekozen or [self._opties[0][0]])[-1]
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.velden[self._textarea] = "".join(self._tekst).removeprefix("\n")
            self._textarea = None


def velden(html: str, veld: str = "form-TOTAL_FORMS") -> dict[str, str]:
    """The fields and values the form in ``html`` with the field ``veld`` submits (the
    register's form; the page's menu has forms of its own). Empty: no such form."""
    lezer = _Lezer()
    lezer.feed(html)
    lezer.close()
    return next((f for f in lezer.formulieren if veld in f), {})


def aantal_regels(formulier: dict[str, str]) -> int:
    return int(formulier.get("form-TOTAL_FORMS", "0") or 0)


def wissel(formulier: dict[str, str], n: int) -> dict[str, str]:
    """The form with line ``n`` changed as a teacher would: present becomes absent
    (ongeoorloofd), anything else becomes present (reason, minutes and note emptied)."""
    data = dict(formulier)
    if data.get(f"form-{n}-status", "aanwezig") == "aanwezig":
        data[f"form-{n}-status"] = "absent"
        data[f"form-{n}-reden"] = "ongeoorloofd"
    else:
        data[f"form-{n}-status"] = "aanwezig"
        for veld in ("reden", "minuten", "notitie", "ouders_geinformeerd_op"):
            if f"form-{n}-{veld}" in data:
                data[f"form-{n}-{veld}"] = ""
    return data


MELDING = re.compile(r'<p class="bericht (?:error|success)">(.*?)</p>', re.S)
FOUT = re.compile(r'<span class="fout">(.*?)</span>', re.S)


def waarom(html: str) -> str:
    """The register's message and the errors it marks, as one line (for a report)."""
    delen = [m.strip() for m in MELDING.findall(html)] + sorted(set(FOUT.findall(html)))
    return " | ".join(delen) or html[:200].replace("\n", " ")


def bewaar_fout(map_: str | None, naam: str, html: str, maximum: int = 5) -> Path | None:
    """Write the body of a failed request to ``map_`` (at most ``maximum`` per process and
    name), so that a failure of the load test can be read afterwards."""
    if not map_:
        return None
    teller = _bewaard.get(naam, 0)
    if teller >= maximum:
        return None
    _bewaard[naam] = teller + 1
    pad = Path(map_) / f"fout-{naam}-{os.getpid()}-{teller + 1}.html"
    pad.write_text(html, "utf-8")
    return pad


_bewaard: dict[str, int] = {}
