"""Generators for the fuzz suite (a module with its own name, never a conftest import).

Not only random bytes: most inputs are *almost* right (a real header with mutated cells, a
different delimiter or encoding, a BOM, a truncated line, an unbalanced quote, a cell of
100,000 characters), because that is where a parser's less travelled paths are.

The structured generators build a file from one drawn seed with :class:`random.Random`:
drawing every cell through hypothesis costs some 13 ms per file, a seed 0.1 ms, and the suite
runs 100,000 of them. A failing input is printed by hypothesis as its seed and can be pinned as
an explicit ``@example`` with the bytes it made (:func:`maak`).
"""

from __future__ import annotations

import codecs
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from hypothesis import strategies as st

#: how many inputs each fuzz test really ran (reported at the end of the run by the conftest)
TELLING: Counter[str] = Counter()


def tel(naam: str) -> None:
    TELLING[naam] += 1


#: characters that break naive CSV, text and date handling
LASTIG = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\u200b\u202e\ufeff\ufffd\U0001f600\r\n\t\"';,|\\ é"

#: cells that are nearly right for some column somewhere
BIJNA = [
    "",
    " ",
    "0",
    "-1",
    "1e308",
    "-1e308",
    "nan",
    "inf",
    "1,5",
    "1.5.5",
    "99999999999999999999999",
    "9" * 5000,
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-02-30",
    "2026-13-01",
    "2026-03-02",
    "2026-3-2",
    "02-03-2026",
    "2-3-2026 08:30",
    "31/12/1899",
    "2026-W10-1",
    "20260302",
    "true",
    "ja",
    "absent",
    "late",
    "ziek",
    "ONGEOORLOOFD",
    "ziek_niet_gemeld",
    "schorsing",
    "dag",
    "ochtend",
    "9",
    "1e lesuur",
    "Z",
    "TL",
    "nieuwe_school",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "'; DROP TABLE leerling; --",
]

#: a short text for hypothesis-native strategies
TEKST = st.one_of(
    st.text(max_size=20),
    st.text(alphabet=LASTIG, max_size=12),
    st.sampled_from(BIJNA),
)

SCHEIDINGSTEKENS = [",", ";", "\t"]
RAAR_SCHEIDINGSTEKEN = ["|", ", ", "", ":"]
REGELEINDES = ["\n", "\r\n", "\r"]


def tekst(rnd: random.Random) -> str:
    """A short random text: nearly valid, awkward characters, or any unicode."""
    keuze = rnd.randrange(10)
    if keuze < 5:
        return rnd.choice(BIJNA)
    if keuze < 8:
        return "".join(rnd.choice(LASTIG) for _ in range(rnd.randrange(8)))
    return "".join(chr(rnd.randrange(0x20, 0x2FFF)) for _ in range(rnd.randrange(12)))


def cel(rnd: random.Random) -> str:
    """A cell: usually short, sometimes huge."""
    if rnd.randrange(40) == 0:
        return rnd.choice(["9", "x", "é", "\x00", ";", '"']) * rnd.choice([1000, 5000, 100_000])
    return tekst(rnd)


def kop_mutatie(rnd: random.Random, kop: Sequence[str]) -> list[str]:
    """The header as a file may have it: case, spaces, a missing, extra or doubled column."""
    kolommen = list(kop)
    keuze = rnd.randrange(12)
    if keuze == 0 and kolommen:
        del kolommen[rnd.randrange(len(kolommen))]
    elif keuze == 1:
        kolommen.append(rnd.choice(["", "extra", *kop]))
    elif keuze == 2:
        kolommen = [k.upper() for k in kolommen]
    elif keuze == 3:
        kolommen = [f" {k} " for k in kolommen]
    elif keuze == 4:
        rnd.shuffle(kolommen)
    elif keuze == 5:
        kolommen = [f'"{k}"' for k in kolommen]
    elif keuze == 6 and kolommen:
        kolommen = kolommen[: rnd.randrange(len(kolommen))]
    return kolommen


def rijen(
    rnd: random.Random, kolommen: Sequence[str], goed: Mapping[str, Sequence[str]], n: int
) -> list[list[str]]:
    """Rows of mostly valid cells, with mutated, dropped, added and repeated cells."""
    uit: list[list[str]] = []
    for _ in range(n):
        cellen = []
        for k in kolommen:
            naam = k.strip().strip('"').lower()
            cellen.append(rnd.choice(goed[naam]) if naam in goed else tekst(rnd))
        keuze = rnd.randrange(10)
        if keuze == 0 and cellen:
            cellen[rnd.randrange(len(cellen))] = cel(rnd)
        elif keuze == 1 and cellen:
            cellen = cellen[: rnd.randrange(len(cellen))]  # a truncated line
        elif keuze == 2:
            cellen += [tekst(rnd) for _ in range(rnd.randrange(1, 4))]  # too many fields
        elif keuze == 3:
            uit.append(cellen)  # a duplicate row
        uit.append(cellen)
    if rnd.randrange(10) == 0:
        uit.append([cel(rnd) for _ in range(rnd.randrange(len(kolommen) + 2))])
    return uit


def csv_tekst(
    rnd: random.Random,
    kop: Sequence[str],
    goed: Mapping[str, Sequence[str]],
    max_rijen: int = 8,
) -> str:
    """A CSV text with a (mutated) header and rows of mostly valid cells."""
    kolommen = kop_mutatie(rnd, kop)
    regels = rijen(rnd, kolommen, goed, rnd.randrange(max_rijen + 1))
    teken = rnd.choice(SCHEIDINGSTEKENS if rnd.randrange(8) else RAAR_SCHEIDINGSTEKEN)
    einde = rnd.choice(REGELEINDES)
    tekst_ = einde.join(teken.join(r) for r in [kolommen, *regels])
    if rnd.randrange(2):
        tekst_ += rnd.choice(REGELEINDES)
    if rnd.randrange(16) == 0:
        tekst_ += '"onafgesloten aanhalingsteken'
    return tekst_


def codeer(rnd: random.Random, tekst_: str) -> bytes:
    """Bytes of ``tekst_`` in some encoding, sometimes with a BOM, cut short or with junk."""
    keuze = rnd.randrange(10)
    if keuze <= 3:
        data = tekst_.encode("utf-8", errors="surrogatepass")
    elif keuze == 4:
        data = codecs.BOM_UTF8 + tekst_.encode("utf-8", errors="replace")
    elif keuze == 5:
        data = tekst_.encode("utf-16", errors="replace")  # with BOM
    elif keuze == 6:
        data = tekst_.encode("utf-16-le", errors="replace")  # without BOM
    elif keuze == 7:
        data = tekst_.encode("cp1252", errors="replace")
    elif keuze == 8:
        data = codecs.BOM_UTF16_BE + tekst_.encode("utf-8", errors="replace")  # a lying BOM
    else:
        data = tekst_.encode("latin-1", errors="replace")
    vervolg = rnd.randrange(10)
    if vervolg == 0 and data:
        data = data[: rnd.randrange(len(data))]  # cut short, maybe inside a character
    elif vervolg == 1:
        data += rnd.randbytes(rnd.randrange(40))
    elif vervolg == 2:
        data = rnd.randbytes(rnd.randrange(40)) + data
    return data


def maak(maker: Callable[[random.Random], bytes], zaad: int) -> bytes:
    """The input a seed makes (for an explicit ``@example`` of a failure)."""
    return maker(random.Random(zaad))


def uit_zaad(maker: Callable[[random.Random], bytes]) -> st.SearchStrategy[bytes]:
    """A strategy of inputs made from one drawn seed, plus plain random bytes now and then."""
    return st.one_of(
        st.integers(0, 2**64).map(lambda zaad: maak(maker, zaad)),
        st.integers(0, 2**64).map(lambda zaad: maak(maker, zaad)),
        st.integers(0, 2**64).map(lambda zaad: maak(maker, zaad)),
        st.binary(max_size=300),
    )


def beschrijving_ok(tekst_: str) -> bool:
    """An error message is real text: not empty, not a bare traceback."""
    return bool(tekst_.strip()) and "Traceback" not in tekst_
