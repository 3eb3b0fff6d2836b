"""``leerrecht manage ...`` and ``python -m leerrecht.web.manage ...``: Django's manage.py."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerrecht.web.conf.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["leerrecht manage", *(argv if argv is not None else sys.argv[1:])])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
