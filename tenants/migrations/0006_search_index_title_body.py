"""A GIN index on the expression Wagtail's PostgreSQL search filters on.

The database backend matches `(title || body) @@ query`. The GIN indexes Wagtail creates are on
`title` and on `body` separately, which that expression cannot use, so every search read and
matched every index entry of the model (EXPLAIN: a bitmap heap scan of all 20,053 organisation
entries with the match as a row filter). This index lets PostgreSQL find the matching entries
first. SQLite searches an FTS5 table instead and gets nothing here."""

from django.db import migrations

INDEX = "tsunagu_indexentry_title_body_gin"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0005_move_model_log_entries"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
