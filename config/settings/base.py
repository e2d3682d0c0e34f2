"""Settings shared by every environment. Values come from the environment (django-environ)."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
# A local .env file is read when present so a developer can keep secrets out of the shell history.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-key-change-me")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "kokeilu.core",
    "kokeilu.accounts",
    "kokeilu.platforms",
    "kokeilu.calls",
    "kokeilu.proposals",
    "kokeilu.evaluation",
    "kokeilu.demo",
    "kokeilu.analytics",
    "kokeilu.catalogue",
    "kokeilu.feedback",
    "kokeilu.experiments",
    "kokeilu.planning",
    "kokeilu.funding",
    "kokeilu.agreements",
    "kokeilu.events",
    "kokeilu.materials",
    "kokeilu.updates",
    "kokeilu.surveys",
    "kokeilu.reports",
    "kokeilu.methods",
    "kokeilu.references",
    "kokeilu.dashboards",
    "kokeilu.library",
    "kokeilu.opendata",
    "kokeilu.reuse",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kokeilu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "kokeilu.core.context_processors.site",
                "kokeilu.analytics.context_processors.navigation",
            ],
        },
    }
]

# SQLite when DATABASE_URL is unset (the demo), PostgreSQL in CI and production.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kokeilu.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep the demo responsive when the dev server serves parallel requests.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["kokeilu.accounts.backends.PasswordBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "kokeilu" / "static",
    # Front-end packages installed by `npm ci` (never committed): the Helsinki Design System and htmx.
    ("vendor/hds", BASE_DIR / "node_modules" / "hds-core" / "lib"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    # Uploaded attachments are private: they live outside STATIC and are only served through views
    # that check permission.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.path("KOKEILU_MEDIA_ROOT", default=BASE_DIR / "var" / "media")},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Rendered pages and fragments are cached (kokeilu.core.cache) with keys that change whenever what they
# show changes. Per-process memory by default; a shared cache (e.g. redis://127.0.0.1:6379/1) in
# production so that all workers share one copy.
CACHES = {"default": env.cache("DJANGO_CACHE_URL", default="locmemcache://kokeilu")}
KOKEILU_PAGE_CACHE_SECONDS = env.int("KOKEILU_PAGE_CACHE_SECONDS", default=600)
# Sessions are read from the cache and written through to the database, saving a query per request.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Where pseudonymised extracts and analysis results live (never inside the database).
KOKEILU_ANALYTICS_STORE_DIR = env.path("KOKEILU_ANALYTICS_STORE_DIR", default=BASE_DIR / "var" / "analytics")

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="kokeilu@example.invalid")
KOKEILU_BASE_URL = env("KOKEILU_BASE_URL", default="http://127.0.0.1:8000")

# Background work goes through kokeilu.core.tasks.enqueue, queue by queue. "immediate" runs a task after
# commit in the same process, "thread" in a background thread; a broker backend can be plugged in
# without touching the callers.
KOKEILU_TASK_BACKENDS = {
    "default": env("KOKEILU_TASK_BACKEND", default="immediate"),
    "long": env("KOKEILU_LONG_TASK_BACKEND", default="thread"),
}

# Attachments: what applicants may upload, checked by name, declared type and content signature.
KOKEILU_ATTACHMENT_MAX_BYTES = env.int("KOKEILU_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "kokeilu.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kokeilu API",
    "DESCRIPTION": "Development needs, calls, proposals, reviews and selected pilots.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "NeedStatusEnum": "kokeilu.platforms.models.NeedStatus",
        "ApplicantKindEnum": "kokeilu.calls.models.ApplicantKind",
        # Several models have a `status` or `role`; each choice set gets its own schema name.
        "ExperimentStatusEnum": "kokeilu.experiments.models.ExperimentStatus",
        "ExperimentMemberRoleEnum": "kokeilu.experiments.models.MemberRole",
        "ExperimentPartnerRoleEnum": "kokeilu.experiments.models.PartnerRole",
        "InvitationStatusEnum": "kokeilu.experiments.models.InvitationStatus",
        "RegistrationStatusEnum": "kokeilu.events.models.RegistrationStatus",
        "TaskStatusEnum": "kokeilu.planning.models.TaskStatus",
        "PlanStatusEnum": "kokeilu.planning.models.PlanStatus",
        "PhaseStateEnum": "kokeilu.planning.models.PhaseState",
        "SurveyStateEnum": "kokeilu.surveys.models.SurveyState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}

FORM_RENDERER = "kokeilu.core.forms_rendering.KokeiluFormRenderer"

# The catalogue's covering indexes (INCLUDE columns) are a PostgreSQL optimisation; on SQLite (the demo)
# they are plain indexes, which is what this warning says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
