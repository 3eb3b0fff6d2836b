"""Django settings. Every setting that differs per environment comes from an environment
variable; all of them are documented in docs/configuratie.md.

The embedded default is SQLite in ``LEERRECHT_DATA_DIR``; production uses PostgreSQL through
``DATABASE_URL``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()  # generic admin and querysets at runtime, for the type checker

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "ja", "on")


DEBUG = env_bool("LEERRECHT_DEBUG", False)
DATA_DIR = Path(os.environ.get("LEERRECHT_DATA_DIR", Path.cwd() / "leerrecht-data"))

#: Used only when LEERRECHT_SECRET_KEY is not set; the WSGI entry point and the system check
#: ``leerrecht.E001`` refuse to serve with it unless LEERRECHT_DEBUG or LEERRECHT_DEMO is set.
INSECURE_DEV_KEY = "leerrecht-onveilige-ontwikkelsleutel-alleen-voor-demo-en-tests"
SECRET_KEY = os.environ.get("LEERRECHT_SECRET_KEY", "") or INSECURE_DEV_KEY
DEMO = env_bool("LEERRECHT_DEMO", False)

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("LEERRECHT_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("LEERRECHT_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "leerrecht.web.scholen.apps.ScholenConfig",
    "leerrecht.web.registratie",
    "leerrecht.web.meldingen",
    "leerrecht.web.verlof",
    "leerrecht.web.importeren",
    "leerrecht.web.brieven",
    "leerrecht.web.leerlingzaken",
    "leerrecht.web.schoolbeheer",
    "leerrecht.web.audit",
    "leerrecht.web.leerplicht",
    "leerrecht.web.dossiers",
    "leerrecht.web.thuiszitters",
    "leerrecht.web.jgz",
    "leerrecht.web.vrijstellingen",
    "leerrecht.web.evaluaties",
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
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "leerrecht.web.urls"
WSGI_APPLICATION = "leerrecht.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "leerrecht.web.scholen.context.rollen",
                "leerrecht.web.leerplicht.context.rollen",
                "leerrecht.web.thuiszitters.context.rollen",
                "leerrecht.web.jgz.context.rollen",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{DATA_DIR / 'leerrecht.sqlite3'}",
        conn_max_age=int(os.environ.get("LEERRECHT_DB_CONN_MAX_AGE", "60")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "werklijst"
LOGOUT_REDIRECT_URL = "login"
SESSION_COOKIE_AGE = int(os.environ.get("LEERRECHT_SESSION_SECONDS", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("LEERRECHT_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

LANGUAGE_CODE = "nl"
# Dutch is the source language; English comes from locale/en (docs/webapplicatie.md, "Talen").
# tests/web/test_taal_engels.py fails when a string in the code has no English translation.
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("LEERRECHT_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

#: The exchange channel for DUO meldingen (leerrecht.web.meldingen.kanalen); "bestand" exports a
#: CSV file for manual entry in the DUO verzuimloket.
LEERRECHT_DUO_KANAAL = os.environ.get("LEERRECHT_DUO_KANAAL", "bestand")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LEERRECHT_LOG_LEVEL", "WARNING")},
}
