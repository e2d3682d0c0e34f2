"""Production settings for the catalogue benchmark, with the catalogue's and feedback's pages mounted the
way config/urls.py will mount them (bench/catalogue/urls.py adds them only while it does not)."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.catalogue.urls"
