"""Web processes must not load the numerical stack: every gunicorn worker would pay seconds and hundreds
of megabytes for it (worker boots timed out under load when the URLconf imported scikit-learn)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
import django
django.setup()
from django.urls import resolve
resolve("/fi/analytics/")
from kokeilu.analytics import forms, services, tasks, views  # noqa: F401
libraries = ("numpy", "polars", "pyarrow", "numba", "sklearn", "dask")
heavy = sorted(name for name in libraries if name in sys.modules)
print(",".join(heavy))
"""


def test_the_web_side_of_analytics_imports_no_numerical_library():
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip() == ""
