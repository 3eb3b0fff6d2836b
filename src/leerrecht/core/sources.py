"""Citations for every rule: the law text and the seed documents (shared/seeds) it comes from.

Each rule in the core explains itself with one or more of these sources, so a coordinator can
check a signal against the document it came from.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """A citable source: a document and the section within it."""

    document: str
    section: str

    def __str__(self) -> str:
        return f"{self.document}, {self.section}"


# Leerplichtwet 1969 (BWBR0002628).
LPW_ART_3 = Source("Leerplichtwet 1969", "art. 3 (begin leerplicht)")
LPW_ART_4 = Source("Leerplichtwet 1969", "art. 4 (einde volledige leerplicht)")
LPW_ART_4A = Source("Leerplichtwet 1969", "art. 4a (kwalificatieplicht)")
LPW_ART_11 = Source("Leerplichtwet 1969", "art. 11 (gronden van vrijstelling van schoolbezoek)")
LPW_ART_13A = Source("Leerplichtwet 1969", "art. 13a (vakantieverlof)")
LPW_ART_14 = Source("Leerplichtwet 1969", "art. 14 (gewichtige omstandigheden)")
LPW_ART_18 = Source("Leerplichtwet 1969", "art. 18 (uitschrijving)")
LPW_ART_21A = Source("Leerplichtwet 1969", "art. 21a (melding relatief verzuim)")

# Seeds.
PARKSTAD_12_WETTELIJK = Source(
    "000_0f780dca5d4be8ea.txt", "§1.2.2 Wettelijk verzuim, 16 uur in 4 weken"
)
PARKSTAD_12_HERHAAL = Source("000_0f780dca5d4be8ea.txt", "§1.2.2 Herhaalmelding")
PARKSTAD_12_LRV = Source("000_0f780dca5d4be8ea.txt", "§1.2.2 Langdurig relatief verzuim")
PARKSTAD_12_LUXE = Source("000_0f780dca5d4be8ea.txt", "§1.2.2 Luxe verzuim")
PARKSTAD_121_ABSOLUUT = Source("000_0f780dca5d4be8ea.txt", "§1.2.1 Absoluut verzuim")
PARKSTAD_111_ZIEK_VAKANTIE = Source(
    "000_0f780dca5d4be8ea.txt", "§1.1.1 Ziekteverzuim direct na een vakantieperiode"
)
PARKSTAD_112_VERLOF = Source("000_0f780dca5d4be8ea.txt", "§1.1.2 Vrijstellingen van schoolbezoek")
PARKSTAD_113_SCHORSING = Source("000_0f780dca5d4be8ea.txt", "§1.1.3 Schorsing en verwijdering")
PARKSTAD_3_THUISZITTERS = Source("000_0f780dca5d4be8ea.txt", "§3 Thuiszitters")
PARKSTAD_42_UITSCHRIJVING = Source("000_0f780dca5d4be8ea.txt", "§4.2 Uitschrijving tot 18 jaar")
PARKSTAD_BIJLAGE_4 = Source(
    "000_0f780dca5d4be8ea.txt",
    "bijlage 4 Wettelijk verzuim, herhaalmeldingen en langdurig relatief verzuim",
)
HR_2B_LRV = Source("002_116d4f78152f417a.txt", "§2b Langdurig relatief verzuim")
HR_2B_WETTELIJK = Source("002_116d4f78152f417a.txt", "§2b Wettelijk verzuim")
HR_3A_THUISZITTERS = Source("002_116d4f78152f417a.txt", "§3a Thuiszitters")
IJV_6_MELDEN = Source("003_b5c3f7bcc2f8dd10.txt", "§6 Aan- en afwezigheid op school en het melden")
IJV_7_THUISZITTER = Source(
    "003_b5c3f7bcc2f8dd10.txt", "§7 Verschillende groepen (thuiszitters 2a/2b, absoluut verzuimers)"
)
IJV_BIJLAGE_1 = Source(
    "003_b5c3f7bcc2f8dd10.txt", "bijlage 1 Juridisch kader leerplicht en kwalificatieplicht"
)
OCW_VAKANTIES = Source("Rijksoverheid / OCW", "Schoolvakanties per schooljaar")
HR_2A_SCHORSING = Source("002_116d4f78152f417a.txt", "§2a Schorsing")
