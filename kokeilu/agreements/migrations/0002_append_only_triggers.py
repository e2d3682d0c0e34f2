"""The database refuses to change an agreement version or an acceptance once written, and refuses an
acceptance whose text hash is not its version's. On PostgreSQL it also refuses to delete them and checks
that a version's hash is the SHA-256 of its text. (On SQLite, deletes stay possible so the test runner
can empty tables between tests; the foreign keys PROTECT the rows and the models refuse to delete them.)
"""

from django.db import migrations

VERSION = "agreements_agreementversion"
ACCEPTANCE = "agreements_agreementacceptance"

SQLITE = [
    f"""CREATE TRIGGER agreements_version_no_update BEFORE UPDATE ON {VERSION}
    BEGIN SELECT RAISE(ABORT, 'agreement versions cannot be changed'); END""",
    f"""CREATE TRIGGER agreements_acceptance_no_update BEFORE UPDATE ON {ACCEPTANCE}
    BEGIN SELECT RAISE(ABORT, 'acceptances cannot be changed'); END""",
    f"""CREATE TRIGGER agreements_acceptance_hash BEFORE INSERT ON {ACCEPTANCE}
    WHEN NEW.text_sha256 IS NOT (SELECT text_sha256 FROM {VERSION} WHERE id = NEW.version_id)
    BEGIN SELECT RAISE(ABORT, 'the accepted text is not the version''s text'); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS agreements_version_no_update",
    "DROP TRIGGER IF EXISTS agreements_acceptance_no_update",
    "DROP TRIGGER IF EXISTS agreements_acceptance_hash",
]

POSTGRESQL = [
    """CREATE FUNCTION agreements_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = '23000';
    END; $$""",
    f"""CREATE TRIGGER agreements_version_immutable BEFORE UPDATE OR DELETE ON {VERSION}
    FOR EACH ROW EXECUTE FUNCTION agreements_refuse_change()""",
    f"""CREATE TRIGGER agreements_acceptance_immutable BEFORE UPDATE OR DELETE ON {ACCEPTANCE}
    FOR EACH ROW EXECUTE FUNCTION agreements_refuse_change()""",
    f"""CREATE FUNCTION agreements_check_version_hash() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.text_sha256 IS DISTINCT FROM encode(sha256(convert_to(NEW.text, 'UTF8')), 'hex') THEN
            RAISE EXCEPTION 'the hash is not the SHA-256 of the text' USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END; $$""",
    f"""CREATE TRIGGER agreements_version_hash BEFORE INSERT ON {VERSION}
    FOR EACH ROW EXECUTE FUNCTION agreements_check_version_hash()""",
    f"""CREATE FUNCTION agreements_check_acceptance_hash() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.text_sha256 IS DISTINCT FROM (SELECT text_sha256 FROM {VERSION} WHERE id = NEW.version_id) THEN
            RAISE EXCEPTION 'the accepted text is not the version''s text' USING ERRCODE = '23000';
        END IF;
        RETURN NEW;
    END; $$""",
    f"""CREATE TRIGGER agreements_acceptance_hash BEFORE INSERT ON {ACCEPTANCE}
    FOR EACH ROW EXECUTE FUNCTION agreements_check_acceptance_hash()""",
]
POSTGRESQL_REVERSE = [
    f"DROP TRIGGER IF EXISTS agreements_acceptance_hash ON {ACCEPTANCE}",
    f"DROP TRIGGER IF EXISTS agreements_version_hash ON {VERSION}",
    f"DROP TRIGGER IF EXISTS agreements_acceptance_immutable ON {ACCEPTANCE}",
    f"DROP TRIGGER IF EXISTS agreements_version_immutable ON {VERSION}",
    "DROP FUNCTION IF EXISTS agreements_check_acceptance_hash()",
    "DROP FUNCTION IF EXISTS agreements_check_version_hash()",
    "DROP FUNCTION IF EXISTS agreements_refuse_change()",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_agreements_versions_acceptances")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
