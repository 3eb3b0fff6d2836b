"""English as the second language: the switcher, English pages, and a complete catalogue.

The catalogue is ``src/leerrecht/web/locale/en/LC_MESSAGES/django.po`` with its compiled
``django.mo``. The checks here need no extra packages: the .po is read with a small parser, the
.mo with the documented GNU layout, and the sources with ``ast`` and Django's ``templatize``
(what ``makemessages`` itself feeds to xgettext). How to regenerate the catalogue:
docs/webapplicatie.md, section "Talen".
"""

from __future__ import annotations

import ast
import io
import re
import struct
import tokenize
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation.template import templatize
from web_hulp import PASSWORD, World

from leerrecht.web.verlof.models import OuderToegang

WEB = Path(__file__).resolve().parents[2] / "src" / "leerrecht" / "web"
LOCALE = WEB / "locale" / "en" / "LC_MESSAGES"
PO = LOCALE / "django.po"
MO = LOCALE / "django.mo"
REGENEREREN = (
    "cd src/leerrecht/web && ../../../.venv/bin/leerrecht manage makemessages -l en "
    "--no-obsolete, translate, then ../../../.venv/bin/leerrecht manage compilemessages -l en "
    "(docs/webapplicatie.md, 'Talen')"
)

# -- reading the catalogue ---------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    plural: str | None
    msgstr: dict[int, str]  # -1 for a singular entry, 0 and 1 for a plural one
    flags: set[str] = field(default_factory=set)
    context: str | None = None
    line: int = 0


def _literal(text: str) -> str:
    value = ast.literal_eval(text)
    assert isinstance(value, str)
    return value


@cache
def read_po(path: Path = PO) -> tuple[Entry, ...]:
    """Every entry of the .po except the header and obsolete (#~) entries."""
    entries: list[Entry] = []
    parts: dict[str, list[str]] = {}
    flags: set[str] = set()
    current: list[str] | None = None
    start = 0

    def flush() -> None:
        nonlocal parts, flags, current
        if "msgid" in parts:
            msgid = "".join(_literal(s) for s in parts["msgid"])
            msgstr: dict[int, str] = {}
            for name, strings in parts.items():
                if name == "msgstr":
                    msgstr[-1] = "".join(_literal(s) for s in strings)
                elif name.startswith("msgstr["):
                    msgstr[int(name[7:-1])] = "".join(_literal(s) for s in strings)
            plural = parts.get("msgid_plural")
            context = parts.get("msgctxt")
            entries.append(
                Entry(
                    msgid=msgid,
                    plural="".join(_literal(s) for s in plural) if plural is not None else None,
                    msgstr=msgstr,
                    flags=flags,
                    context="".join(_literal(s) for s in context) if context else None,
                    line=start,
                )
            )
        parts, flags, current = {}, set(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#~"):
            current = None  # obsolete: makemessages --no-obsolete drops these
        elif line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if current is not None:
                current.append(line)
        else:
            name, _space, rest = line.partition(" ")
            if name == "msgid" and not parts:
                start = number
            current = parts.setdefault(name, [])
            current.append(rest)
    flush()
    return tuple(e for e in entries if e.msgid != "")


def read_mo(path: Path = MO) -> dict[str, str]:
    """The compiled catalogue as {original: translation}, in GNU .mo form: plural forms
    joined by NUL, a context separated by EOT. The header (original "") is left out."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])

    def string(table: int, i: int) -> str:
        length, offset = struct.unpack(order + "2I", data[table + 8 * i : table + 8 * i + 8])
        return data[offset : offset + length].decode("utf-8")

    pairs = ((string(originals, i), string(translations, i)) for i in range(count))
    return {original: translation for original, translation in pairs if original}


def mo_key(entry: Entry) -> str:
    key = entry.msgid if entry.plural is None else f"{entry.msgid}\x00{entry.plural}"
    return key if entry.context is None else f"{entry.context}\x04{key}"


def mo_value(entry: Entry) -> str:
    if entry.plural is None:
        return entry.msgstr[-1]
    return "\x00".join(entry.msgstr[i] for i in sorted(entry.msgstr))


# -- finding the translatable strings in the sources -------------------------------------------

#: The functions makemessages passes to xgettext (plus xgettext's defaults for Python), with
#: the argument positions of (context, singular, plural).
FUNCTIONS: dict[str, tuple[int | None, int, int | None]] = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}


@dataclass(frozen=True)
class Found:
    context: str | None
    msgid: str
    plural: str | None
    where: str


def _from_call(call: ast.Call, where: str) -> Found | None:
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", None)
    if name not in FUNCTIONS:
        return None
    ctx_pos, msg_pos, plural_pos = FUNCTIONS[name]

    def arg(pos: int | None) -> str | None:
        if pos is None or pos >= len(call.args):
            return None
        node = call.args[pos]
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return None

    msgid = arg(msg_pos)
    if msgid is None:  # not a literal: xgettext cannot extract it either
        return None
    return Found(arg(ctx_pos), msgid, arg(plural_pos), where)


def strings_in_python(path: Path, base: Path = WEB) -> list[Found]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    rel = path.relative_to(base)
    found = (_from_call(n, f"{rel}:{n.lineno}") for n in ast.walk(tree) if isinstance(n, ast.Call))
    return [f for f in found if f is not None]


def strings_in_template(path: Path, base: Path = WEB) -> list[Found]:
    """The template through Django's templatize (as makemessages does), then every gettext
    call in that Python-like text, read with the tokenizer so quotes and brackets inside the
    strings cannot confuse it."""
    text = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    rel = path.relative_to(base)
    line_starts = [0]
    for line in text.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(position: tuple[int, int]) -> int:
        return line_starts[position[0] - 1] + position[1]

    tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    found: list[Found] = []
    for i, token in enumerate(tokens[:-1]):
        if token.type != tokenize.NAME or token.string not in FUNCTIONS:
            continue
        if tokens[i + 1].string != "(":
            continue
        depth, j = 0, i + 1
        while j < len(tokens):
            if tokens[j].type == tokenize.OP:
                depth += {"(": 1, ")": -1}.get(tokens[j].string, 0)
            if depth == 0:
                break
            j += 1
        source = text[offset(token.start) : offset(tokens[j].end)]
        call = ast.parse(source, mode="eval").body
        assert isinstance(call, ast.Call), source
        item = _from_call(call, f"{rel}:{token.start[0]}")
        if item is not None:
            found.append(item)
    return found


def sources() -> list[Path]:
    """What makemessages scans: every .py, .html and .txt file of the web application, in
    every app, including apps added later."""
    return sorted(
        p
        for p in WEB.rglob("*")
        if p.is_file() and p.suffix in {".py", ".html", ".txt"} and "__pycache__" not in p.parts
    )


# -- the catalogue -----------------------------------------------------------------------------


def test_catalogus_bestaat_en_heeft_veel_vertalingen() -> None:
    assert PO.is_file(), f"{PO} ontbreekt; {REGENEREREN}"
    assert MO.is_file(), f"{MO} ontbreekt; {REGENEREREN}"
    assert len(read_po()) > 500


def test_geen_lege_en_geen_fuzzy_vertalingen() -> None:
    fuzzy = [f"regel {e.line}: {e.msgid!r}" for e in read_po() if "fuzzy" in e.flags]
    leeg = [f"regel {e.line}: {e.msgid!r}" for e in read_po() if not all(e.msgstr.values())]
    assert not fuzzy, "fuzzy (te controleren) vertalingen in django.po:\n" + "\n".join(fuzzy)
    assert not leeg, "onvertaalde teksten in django.po:\n" + "\n".join(leeg)


def test_meervoudsvormen_en_plaatshouders_kloppen() -> None:
    placeholder = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}|%[sd]")
    problems: list[str] = []
    for e in read_po():
        if "fuzzy" in e.flags:  # a suggestion from msgmerge; the test above reports it
            continue
        if e.plural is not None and sorted(e.msgstr) != [0, 1]:
            problems.append(f"regel {e.line}: meervoud heeft niet precies twee vormen")
        originals = [e.msgid] + ([e.plural] if e.plural else [])
        wanted = set().union(*(placeholder.findall(text) for text in originals))
        for text in filter(None, e.msgstr.values()):  # empty: the test above reports it
            if set(placeholder.findall(text)) - wanted:
                problems.append(f"regel {e.line}: onbekende plaatshouder in {text!r}")
            # the singular of a plural may drop %(n)s ("one ...") but nothing else
            if e.plural is None and set(placeholder.findall(text)) != wanted:
                problems.append(f"regel {e.line}: plaatshouders verschillen in {text!r}")
        tags = re.compile(r"</?[a-z]+[^>]*>")
        for text in filter(None, e.msgstr.values()):
            if sorted(tags.findall(text)) != sorted(tags.findall(e.msgid)):
                problems.append(f"regel {e.line}: HTML verschilt in {text!r}")
    assert not problems, "\n".join(problems)


def test_gecompileerde_mo_komt_overeen_met_de_po() -> None:
    """The committed .mo is what the .po compiles to: same entries, same translations."""
    mo = read_mo()
    compiled = (e for e in read_po() if "fuzzy" not in e.flags and all(e.msgstr.values()))
    po = {mo_key(e): mo_value(e) for e in compiled}  # msgfmt leaves out fuzzy and empty ones
    ontbreekt = sorted(set(po) - set(mo))
    over = sorted(set(mo) - set(po))
    anders = sorted(k for k in set(po) & set(mo) if po[k] != mo[k])
    uitleg = "django.mo loopt niet gelijk met django.po; compileer opnieuw: " + REGENEREREN
    assert not ontbreekt, f"{uitleg}\nniet in de .mo: {ontbreekt[:10]}"
    assert not over, f"{uitleg}\nalleen in de .mo: {over[:10]}"
    assert not anders, f"{uitleg}\nandere vertaling in de .mo: {anders[:10]}"


def test_elke_vertaalbare_tekst_in_de_code_staat_in_de_catalogus() -> None:
    """A new {% translate %}, {% blocktranslate %} or _() anywhere in the web application
    without an English translation makes this fail, with the place where it is used."""
    vertaald = {(e.context, e.msgid) for e in read_po() if "fuzzy" not in e.flags}
    ontbreekt: list[str] = []
    gevonden = 0
    for path in sources():
        found = strings_in_python(path) if path.suffix == ".py" else strings_in_template(path)
        for item in found:
            gevonden += 1
            if (item.context, item.msgid) not in vertaald:
                ontbreekt.append(f"{item.where}: {item.msgid!r}")
    assert gevonden > 500, "de scan vindt te weinig teksten; werkt hij nog?"
    assert not ontbreekt, (
        f"{len(ontbreekt)} tekst(en) zonder Engelse vertaling; {REGENEREREN}\n"
        + "\n".join(ontbreekt)
    )


def test_de_scan_vindt_teksten_zoals_makemessages(tmp_path: Path) -> None:
    """The scanner itself: translate, blocktranslate (trimmed, with variables, plural, %), and
    _() with quotes and brackets in the text."""
    template = tmp_path / "t.html"
    template.write_text(
        '{% load i18n %}{% translate "Naar (de) inhoud" %} {% translate \'Zeg "ja"\' %}\n'
        "{% blocktranslate trimmed with naam=x %}\n  Hallo\n  {{ naam }} 100%\n"
        "{% endblocktranslate %}"
        "{% blocktranslate count n=k %}{{ n }} dag{% plural %}{{ n }} dagen{% endblocktranslate %}"
        '{% translate "Mei" context "maand" %}',
        encoding="utf-8",
    )
    found = {(f.context, f.msgid, f.plural) for f in strings_in_template(template, tmp_path)}
    assert found == {
        (None, "Naar (de) inhoud", None),
        (None, 'Zeg "ja"', None),
        (None, "Hallo %(naam)s 100%%", None),
        (None, "%(n)s dag", "%(n)s dagen"),
        ("maand", "Mei", None),
    }
    module = tmp_path / "m.py"
    module.write_text(
        "from django.utils.translation import gettext_lazy as _, ngettext, pgettext\n"
        "a = _('Brief (pdf)')\nb = ngettext('%(n)d dag', '%(n)d dagen', 2)\n"
        "c = pgettext('maand', 'Mei')\nd = _(a)\n",
        encoding="utf-8",
    )
    found = {(f.context, f.msgid, f.plural) for f in strings_in_python(module, tmp_path)}
    assert found == {
        (None, "Brief (pdf)", None),
        (None, "%(n)d dag", "%(n)d dagen"),
        ("maand", "Mei", None),
    }


# -- the pages ---------------------------------------------------------------------------------


def kies_taal(client: Client, taal: str, terug: str = "/inloggen/") -> None:
    response = client.post("/i18n/setlang/", {"language": taal, "next": terug})
    assert response.status_code == 302
    assert response["Location"] == terug
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == taal


def test_engels_is_de_tweede_taal_en_nederlands_de_standaard() -> None:
    assert settings.LANGUAGE_CODE == "nl"
    assert [code for code, _name in settings.LANGUAGES] == ["nl", "en"]


@pytest.mark.django_db
def test_taalkeuze_toont_elke_taal_in_haar_eigen_naam(client: Client) -> None:
    html = client.get("/inloggen/").content.decode()
    assert '<form method="post" action="/i18n/setlang/" class="taal">' in html
    assert '<option value="nl" lang="nl" selected>Nederlands</option>' in html
    assert '<option value="en" lang="en">English</option>' in html
    kies_taal(client, "en")
    html = client.get("/inloggen/").content.decode()
    assert '<option value="nl" lang="nl">Nederlands</option>' in html
    assert '<option value="en" lang="en" selected>English</option>' in html


@pytest.mark.django_db
def test_zonder_keuze_is_alles_nederlands(client: Client, world: World) -> None:
    html = client.get("/inloggen/").content.decode()
    assert '<html lang="nl">' in html
    assert "Gebruikersnaam" in html and "Wachtwoord" in html and "Username" not in html
    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert ">Werklijst</a>" in html and ">DUO-meldingen</a>" in html and "Uitloggen" in html
    assert "Worklist" not in html


@pytest.mark.django_db
def test_na_de_keuze_voor_engels_zijn_inloggen_en_werklijst_engels(
    client: Client, world: World
) -> None:
    kies_taal(client, "en")
    html = client.get("/inloggen/").content.decode()
    assert '<html lang="en">' in html
    assert "<title>Log in - leerrecht</title>" in html
    assert "Username" in html and "Password" in html and "Are you a parent or carer?" in html
    assert "Gebruikersnaam" not in html

    client.login(username="coordinator", password=PASSWORD)
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    for english in (
        ">Worklist</a>",
        ">DUO reports</a>",
        ">Leave</a>",
        ">Codes for parents</a>",
        "Log out",
        "Skip to content",
        "Approaching the 16-hour limit",
        "Pupils out of school (thuiszitters)",
    ):
        assert english in html, english
    for dutch in ("Werklijst", "Uitloggen", "Nadert de grens"):
        assert dutch not in html, dutch


@pytest.mark.django_db
def test_taal_van_de_browser_geldt_tot_er_gekozen_is(client: Client) -> None:
    html = client.get("/inloggen/", headers={"accept-language": "en-GB,en;q=0.8"}).content
    assert b'<html lang="en">' in html and b"Username" in html
    kies_taal(client, "nl")
    html = client.get("/inloggen/", headers={"accept-language": "en-GB,en;q=0.8"}).content
    assert b'<html lang="nl">' in html and b"Gebruikersnaam" in html


@pytest.mark.django_db
def test_ouderpaginas_zijn_er_ook_in_het_engels(client: Client, world: World) -> None:
    kies_taal(client, "en", terug="/ouders/")
    html = client.get("/ouders/").content.decode()
    assert '<html lang="en">' in html
    assert "Report sickness and request leave" in html and "Continue" in html

    _toegang, code = OuderToegang.uitgeven(world.a1, world.coordinator)
    response = client.post("/ouders/", {"code": code})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert '<html lang="en">' in html  # the language survives the new session of the parent
    for english in ("Overview", "Report sick", "Request leave", "Sign out"):
        assert english in html, english
    html = client.get("/ouders/ziekmelding/").content.decode()
    assert "You do not need to tell us what is wrong with your child." in html
