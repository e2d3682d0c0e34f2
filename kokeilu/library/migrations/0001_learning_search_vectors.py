"""Stored, GIN-indexed full-text vectors for the learnings library (PostgreSQL only).

Each learning gets four `tsvector` columns that the model does not declare (the ORM never writes them; the
library reads them through `kokeilu.library.selectors`):

- `library_search_fi`, `_sv`, `_en`: the statement in that language (weight A), the experiment's title in
  that language (B) and the evidence (C), with that language's configuration (finnish, swedish, english);
- `library_search_simple`: every language's statement and title and the evidence with the `simple`
  configuration (weight D), so a word written in another language is found too.

The experiment's title lives on another table, so the learning keeps a copy of it in its vectors: a trigger
fills the vectors when a learning is written, and another refreshes an experiment's learnings when the
experiment is retitled. Both, and the backfill, use the same two immutable functions. (A report never
changes experiment: it is the experiment's one-to-one final report.)

SQLite (the demo) has none of this: the library matches words with LIKE there.
"""

from django.db import migrations

LEARNING = "reports_learning"
REPORT = "reports_finalreport"
EXPERIMENT = "experiments_experiment"
COLUMNS = ("library_search_fi", "library_search_sv", "library_search_en", "library_search_simple")

FUNCTIONS = [
    """CREATE FUNCTION library_learning_vector(config regconfig, statement text, title text, evidence text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector(config, coalesce(statement, '')), 'A')
            || setweight(to_tsvector(config, coalesce(title, '')), 'B')
            || setweight(to_tsvector(config, coalesce(evidence, '')), 'C')
    $$""",
    """CREATE FUNCTION library_learning_simple_vector(
        statement_fi text, statement_sv text, statement_en text,
        title_fi text, title_sv text, title_en text, evidence text
    ) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT setweight(to_tsvector('simple'::regconfig, concat_ws(' ',
            statement_fi, statement_sv, statement_en, title_fi, title_sv, title_en, evidence)), 'D')
    $$""",
]


def _vectors(learning: str, experiment: str) -> dict[str, str]:
    """Each vector column of `learning` as an SQL expression of its texts and `experiment`'s titles."""
    vectors = {
        f"library_search_{code}": f"library_learning_vector('{config}'::regconfig, {learning}.statement_{code}, "
        f"{experiment}.title_{code}, {learning}.evidence)"
        for code, config in (("fi", "finnish"), ("sv", "swedish"), ("en", "english"))
    }
    vectors["library_search_simple"] = (
        f"library_learning_simple_vector({learning}.statement_fi, {learning}.statement_sv, "
        f"{learning}.statement_en, {experiment}.title_fi, {experiment}.title_sv, {experiment}.title_en, "
        f"{learning}.evidence)"
    )
    return vectors


def _set(learning: str, experiment: str) -> str:
    return ", ".join(f"{column} = {value}" for column, value in _vectors(learning, experiment).items())


ADD_COLUMNS = [
    f"ALTER TABLE {LEARNING} " + ", ".join(f"ADD COLUMN {column} tsvector NOT NULL DEFAULT ''" for column in COLUMNS)
]
BACKFILL = [
    f"""UPDATE {LEARNING} AS learning SET {_set("learning", "experiment")}
    FROM {REPORT} AS report JOIN {EXPERIMENT} AS experiment ON experiment.id = report.experiment_id
    WHERE report.id = learning.report_id"""
]
TRIGGERS = [
    # A learning written: its vectors from its texts and its experiment's titles.
    f"""CREATE FUNCTION library_learning_fill_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        experiment record;
    BEGIN
        SELECT e.title_fi, e.title_sv, e.title_en INTO experiment
        FROM {REPORT} AS r JOIN {EXPERIMENT} AS e ON e.id = r.experiment_id WHERE r.id = NEW.report_id;
        {" ".join(f"NEW.{column} := {value};" for column, value in _vectors("NEW", "experiment").items())}
        RETURN NEW;
    END; $$""",
    f"""CREATE TRIGGER library_learning_vectors
    BEFORE INSERT OR UPDATE OF statement_fi, statement_sv, statement_en, evidence, report_id ON {LEARNING}
    FOR EACH ROW EXECUTE FUNCTION library_learning_fill_vectors()""",
    # An experiment retitled: its learnings are found by the new title, no longer by the old one.
    f"""CREATE FUNCTION library_experiment_refresh_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {LEARNING} AS learning SET {_set("learning", "NEW")}
        FROM {REPORT} AS report
        WHERE report.experiment_id = NEW.id AND learning.report_id = report.id;
        RETURN NULL;
    END; $$""",
    f"""CREATE TRIGGER library_experiment_title
    AFTER UPDATE OF title_fi, title_sv, title_en ON {EXPERIMENT} FOR EACH ROW
    WHEN (OLD.title_fi IS DISTINCT FROM NEW.title_fi OR OLD.title_sv IS DISTINCT FROM NEW.title_sv
          OR OLD.title_en IS DISTINCT FROM NEW.title_en)
    EXECUTE FUNCTION library_experiment_refresh_vectors()""",
]
INDEXES = [f"CREATE INDEX {LEARNING}_{column} ON {LEARNING} USING gin ({column})" for column in COLUMNS]

FORWARD = FUNCTIONS + ADD_COLUMNS + BACKFILL + TRIGGERS + INDEXES
BACKWARD = [
    f"DROP TRIGGER IF EXISTS library_experiment_title ON {EXPERIMENT}",
    f"DROP TRIGGER IF EXISTS library_learning_vectors ON {LEARNING}",
    "DROP FUNCTION IF EXISTS library_experiment_refresh_vectors()",
    "DROP FUNCTION IF EXISTS library_learning_fill_vectors()",
    f"ALTER TABLE {LEARNING} " + ", ".join(f"DROP COLUMN IF EXISTS {column}" for column in COLUMNS),
    "DROP FUNCTION IF EXISTS library_learning_simple_vector(text, text, text, text, text, text, text)",
    "DROP FUNCTION IF EXISTS library_learning_vector(regconfig, text, text, text)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_final_reports"), ("experiments", "0001_experiments_people_groups")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
