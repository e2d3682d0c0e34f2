"""The command line: the whole chain with progress bars, clear errors, and no Django needed."""

import json
import subprocess
import sys
from pathlib import Path

from kokeilu.analytics import cli
from kokeilu.analytics.pipeline import keys

ROOT = Path(__file__).resolve().parents[2]


def test_generate_pseudonymise_ingest_and_run(tmp_path, monkeypatch, capsys):
    key_file = tmp_path / "pseudonym.key"
    assert cli.main(["keygen", str(key_file)]) == 0
    transfer_key = keys.new_key()
    monkeypatch.setenv(keys.TRANSFER_KEY_ENV, transfer_key.hex())
    assert (
        cli.main(
            ["generate", "--people", "700", "--seed", "3", "--out", str(tmp_path / "raw"), "--format", "csv"]
        )
        == 0
    )
    assert (
        cli.main(
            [
                "pseudonymise",
                "--people", str(tmp_path / "raw" / "people.csv"),
                "--events", str(tmp_path / "raw" / "events.csv"),
                "--out", str(tmp_path / "transfer"),
                "--key-file", str(key_file),
                "--birth-date-precision", "year",
                "--encrypt",
            ]
        )
        == 0
    )  # fmt: skip
    assert (
        cli.main(["ingest", "--extract", str(tmp_path / "transfer"), "--store", str(tmp_path / "store")]) == 0
    )
    assert (
        cli.main(
            [
                "run",
                "--store",
                str(tmp_path / "store"),
                "--out",
                str(tmp_path / "report"),
                "--method",
                "features",
                "--k-max",
                "5",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    # A progress bar per stage, on stderr.
    for stage in (
        "generate",
        "pseudonymise people",
        "pseudonymise events",
        "ingest events",
        "sequences",
        "groups",
        "report",
    ):
        assert stage in captured.err
    assert "700 people" in captured.out
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["grouping"]["method"] == "features"
    csv_files = sorted(p.name for p in (tmp_path / "report").glob("*.csv"))
    assert "group-sizes.csv" in csv_files and "group-1-states.csv" in csv_files
    assert (tmp_path / "report" / "group-1-states.csv").read_text().startswith("# Group 1")


def test_errors_name_the_place_and_exit_with_status_2(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(keys.PSEUDONYM_KEY_ENV, raising=False)
    (tmp_path / "people.csv").write_text("hetu,birth_date\n131052-308U,1952-10-13\n")
    (tmp_path / "events.csv").write_text("hetu,event_date,service_code\n")
    arguments = [
        "pseudonymise",
        "--people",
        str(tmp_path / "people.csv"),
        "--events",
        str(tmp_path / "events.csv"),
        "--out",
        str(tmp_path / "out"),
    ]
    assert cli.main(arguments) == 2
    assert (
        f"no pseudonymisation key: give a key file or set the environment variable {keys.PSEUDONYM_KEY_ENV}"
        in capsys.readouterr().err
    )
    monkeypatch.setenv(keys.PSEUDONYM_KEY_ENV, keys.new_key().hex())
    assert cli.main(arguments) == 2
    error = capsys.readouterr().err
    place = f"error: {tmp_path / 'people.csv'}, line 2, column 'hetu'"
    assert f"{place}: not a valid identity code: wrong check character" in error


def test_the_source_side_commands_need_no_django():
    code = (
        "import sys; import kokeilu.analytics.cli; "
        "from kokeilu.analytics.pipeline import generate, pseudonymise, ingest, runner; "
        "assert not [m for m in sys.modules if m == 'django' or m.startswith('django.')], 'django imported'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
