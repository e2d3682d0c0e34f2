"""Search reads `search_text` with `LIKE '%word%'`. On PostgreSQL a trigram index answers that without
reading every service; SQLite (the demo) has no such index and scans, which is fine at its size.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS catalogue_service_search_trgm "
    "ON catalogue_service USING gin (search_text gin_trgm_ops)"
)
DROP = "DROP INDEX IF EXISTS catalogue_service_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_seed_code_lists")]

    operations = [TrigramExtension(), migrations.RunPython(create_index, drop_index)]
