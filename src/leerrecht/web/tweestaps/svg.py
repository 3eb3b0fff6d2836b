"""Inline SVG without inline CSS, for the Content-Security-Policy ``style-src 'self'``.

matplotlib writes its styling as ``style="fill: #fff; stroke: ..."`` attributes and one
``<style>*{stroke-linejoin: round; stroke-linecap: butt}</style>``; the policy blocks both in
an SVG that is part of the page. Every property matplotlib uses (fill, stroke, stroke-width,
stroke-linejoin, stroke-linecap, stroke-dasharray, stroke-dashoffset, opacity, ...) is also an
SVG presentation attribute, which the policy does not touch. The ``*`` rule becomes attributes
on the root element: both properties are inherited, and an element's own value still wins.
"""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<([A-Za-z][\w:-]*)(\s[^<>]*?)?(/?)>")
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_PROPERTY = re.compile(r"[a-z][a-z-]*")


def _declaraties(css: str) -> list[tuple[str, str]]:
    result = []
    for declaratie in css.split(";"):
        naam, _sep, waarde = declaratie.partition(":")
        naam, waarde = naam.strip(), waarde.strip()
        if _sep and _PROPERTY.fullmatch(naam) and waarde:
            result.append((naam, waarde))
    return result


def _met_attributen(attrs: str, declaraties: list[tuple[str, str]]) -> str:
    for naam, waarde in declaraties:
        attrs = re.sub(rf'\s{re.escape(naam)}="[^"]*"', "", attrs)
        attrs += f' {naam}="{html.escape(waarde, quote=True)}"'
    return attrs


def svg_zonder_inline_stijl(svg: str) -> str:
    """The same drawing with presentation attributes instead of CSS."""
    globaal: list[tuple[str, str]] = []
    for regel in _STYLE_ELEMENT.findall(svg):
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", regel):
            if selector.strip() != "*":
                raise ValueError(f"onverwachte CSS-regel in SVG: {selector.strip()!r}")
            globaal.extend(_declaraties(body))
    svg = _STYLE_ELEMENT.sub("", svg)

    def tag(match: re.Match[str]) -> str:
        naam, attrs, sluit = match.group(1), match.group(2) or "", match.group(3)
        style = _STYLE_ATTR.search(attrs)
        if style is not None:
            attrs = _met_attributen(
                attrs[: style.start()] + attrs[style.end() :], _declaraties(style.group(1))
            )
        if naam == "svg" and globaal:
            attrs = _met_attributen(attrs, globaal)
        return f"<{naam}{attrs}{sluit}>"

    return _TAG.sub(tag, svg)
