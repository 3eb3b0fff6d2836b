"""Load test of the register save and the worklist (issue 6). Started by ``run.py``.

Users (``LEERRECHT_BELASTING`` names the dataset JSON of ``dataset.py``):

- ``Docent`` (most users): each has a group of 20 of its own. Opens the register of the
  peildatum, then repeatedly saves it with one pupil changed (absent <-> present, the others as
  the page shows them: the form is read from the page, never from the dataset, since the
  warm-up run and earlier saves change the register; after a save the answer's token is
  taken, the lines are those just saved) as the page does: with htmx (``HX-Request``), answered by the register's form as it
  is after the save, which replaces the form (no redirect, no second request for the page;
  without JavaScript a browser would follow a redirect to the whole page); now and then looks
  at the worklist of its group.
  The changes go to two pupils of the group (chosen per group), so at most a tenth of the
  school is absent: the data stays like a school day, however long the test runs.
- ``Coordinator`` (``LEERRECHT_COORDINATOREN`` users, default 5): the worklist of the whole
  school (2,000 pupils), the page the targets of the incremental evaluation are about.

The save is measured as the one request it is. A save that is not answered with "Register
opgeslagen" is a failure; the first few answers are written to ``LEERRECHT_BELASTING_UITVOER``
(``run.py``'s output directory) and the failure names the register's message. ``on_start`` uses a
session made by ``dataset.py`` (no password hashing during the test); ``run.py`` resets the
statistics once every user is running.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from http.cookiejar import Cookie
from typing import Any
from urllib.parse import urlsplit

from formulier import bewaar_fout, velden, waarom, wissel  # benchmarks/belasting (locust's path)
from locust import between, task
from locust.contrib.fasthttp import FastHttpUser

DATA: dict[str, Any] = json.loads(
    open(os.environ["LEERRECHT_BELASTING"], encoding="utf-8").read()  # noqa: PTH123, SIM115
)
PEILDATUM = DATA["peildatum"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
#: where the body of a failed save is written (``run.py``: its output directory)
UITVOER = os.environ.get("LEERRECHT_BELASTING_UITVOER")
_volgende = itertools.count()
_coordinatoren = itertools.count()


def _sessie(user: FastHttpUser, sleutel: str) -> None:
    """Use a session made by dataset.py (logged in, without hashing a password)."""
    host = urlsplit(user.host).hostname or "127.0.0.1"
    user.client.cookiejar.set_cookie(
        Cookie(
            0,
            "sessionid",
            sleutel,
            None,
            False,
            host,
            False,
            False,
            "/",
            True,
            False,
            None,
            False,
            None,
            None,
            {},
        )
    )


def _werklijst(user: FastHttpUser, naam: str) -> None:
    with user.client.get(f"/?peildatum={PEILDATUM}", name=naam, catch_response=True) as pagina:
        if 'id="kop-meldingen"' not in (pagina.text or ""):
            pagina.failure("geen werklijst (niet ingelogd?)")


class Docent(FastHttpUser):
    wait_time = between(1, 3)

    def on_start(self) -> None:
        docent = DATA["docenten"][next(_volgende) % len(DATA["docenten"])]
        self.groep = docent["groep"]
        self.register = f"/registreren/{self.groep}/?datum={PEILDATUM}&moment=dag"
        # the lines that change: two pupils of the group (by position), chosen per group
        regels = range(len(docent["rijen"]))
        self.wisselaars = random.Random(self.groep).sample(regels, min(2, len(regels)))
        _sessie(self, docent["sessie"])
        self.formulier: dict[str, str] = {}
        self.register_openen()

    def register_openen(self) -> None:
        """Open the register; its form (as stored now) is what the next save starts from."""
        with self.client.get(
            self.register, name="GET /registreren/[groep]/", catch_response=True
        ) as pagina:
            formulier = velden(pagina.text or "")
            if "csrfmiddlewaretoken" not in formulier or 'class="register"' not in (
                pagina.text or ""
            ):
                pagina.failure("geen register (niet ingelogd?)")
            else:
                self.formulier = formulier

    @task(3)
    def register_opslaan(self) -> None:
        if not self.formulier:
            self.register_openen()
            return
        # as a teacher on the page: the form as it shows the register, with one pupil changed
        # (never the dataset's lines: the warm-up and earlier saves changed the register)
        data = wissel(self.formulier, random.choice(self.wisselaars))
        with self.client.post(
            self.register,
            data=data,
            headers={"HX-Request": "true"},  # as the page's form (htmx) posts it
            name="POST /registreren/[groep]/ (opslaan)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            tekst = response.text or ""
            if response.status_code != 200 or "Register opgeslagen" not in tekst:
                pad = bewaar_fout(UITVOER, "opslaan", tekst)
                response.failure(
                    f"register niet opgeslagen: {response.status_code} ({waarom(tekst)[:200]})"
                    + (f", antwoord in {pad.name}" if pad is not None else "")
                )
                self.formulier = {}  # the next task opens the register anew, as a user would
                return
            # The answer is the form as stored now: the lines as posted (the changed line is
            # stored as sent), with a fresh token. Parsing the whole form for every save would
            # cost this process a few ms of the cores it shares with the server; the token is
            # enough. A failed save opens the register anew (above).
            token = CSRF.search(tekst)
            data["csrfmiddlewaretoken"] = token.group(1) if token else data["csrfmiddlewaretoken"]
            self.formulier = data

    @task(1)
    def werklijst(self) -> None:
        _werklijst(self, "GET / (werklijst, eigen groep)")


class Coordinator(FastHttpUser):
    fixed_count = int(os.environ.get("LEERRECHT_COORDINATOREN", "5"))  # the rest are teachers
    wait_time = between(2, 5)

    def on_start(self) -> None:
        _sessie(self, DATA["coordinatoren"][next(_coordinatoren) % len(DATA["coordinatoren"])])

    @task
    def werklijst(self) -> None:
        _werklijst(self, "GET / (werklijst, hele school)")
