"""Triggers that refuse UPDATE and DELETE on the audit table (see audit/triggers.py)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from leerrecht.web.audit import triggers


def _uitvoeren(schema_editor: BaseDatabaseSchemaEditor, per_vendor: dict[str, list[str]]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor not in per_vendor:
        raise RuntimeError(
            f"Het audit-log kent geen triggers voor database '{vendor}': gebruik PostgreSQL "
            "of SQLite."
        )
    for sql in per_vendor[vendor]:
        schema_editor.execute(sql)


def aan(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _uitvoeren(schema_editor, {"postgresql": triggers.POSTGRES_AAN, "sqlite": triggers.SQLITE_AAN})


def uit(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _uitvoeren(schema_editor, {"postgresql": triggers.POSTGRES_UIT, "sqlite": triggers.SQLITE_UIT})


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_school_en_geweigerd"),
    ]

    operations = [
        migrations.RunPython(aan, uit),
    ]
