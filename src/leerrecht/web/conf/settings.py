"""Django settings. Every setting that differs per environment comes from an environment
variable; all of them are documented in docs/configuratie.md.

The embedded default is SQLite in ``LEERRECHT_DATA_DIR``; production uses PostgreSQL through
``DATABASE_URL``.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
import django_stubs_ext
from celery.schedules import crontab  # type: ignore[import-untyped]
from csp.constants import NONE, SELF
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
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "leerrecht.web.tweestaps",
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
    "leerrecht.web.bewaartermijnen",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "leerrecht.web.tweestaps.middleware.BeveiligingsheadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "leerrecht.web.tweestaps.middleware.SessieVerloopMiddleware",
    "leerrecht.web.tweestaps.middleware.TweestapsMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # last, so only requests that reach the view (signed in, second factor done) are recorded:
    # one audit row per request for pupil data (leerrecht.web.audit.doelen)
    "leerrecht.web.audit.middleware.AuditMiddleware",
]
#: Also record refused requests for pupil data (403/404 of a signed in user or parent) in the
#: audit log, as 'geweigerd', visible to the privacy officer of the pupil's school.
LEERRECHT_AUDIT_GEWEIGERD = env_bool("LEERRECHT_AUDIT_GEWEIGERD", False)

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
                "leerrecht.web.tweestaps.context.tweestaps",
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

# -- authentication, sessions and HTTP headers (leerrecht.web.tweestaps, docs/configuratie.md) --
AUTHENTICATION_BACKENDS = [
    # refuses a username+IP that is locked out after too many failed attempts (django-axes)
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
#: Two-factor (TOTP with backup codes) for every account; parents have no account. Off by
#: default only in the demo, so its printed accounts work; `check --deploy` warns when it is off.
LEERRECHT_TWEESTAPS = env_bool("LEERRECHT_TWEESTAPS", not DEMO)
OTP_TOTP_ISSUER = "leerrecht"
#: Absolute session lifetime since login, and the idle time after which a session ends.
SESSION_COOKIE_AGE = int(os.environ.get("LEERRECHT_SESSION_SECONDS", str(8 * 3600)))
LEERRECHT_SESSIE_INACTIEF_SECONDEN = 60 * int(
    os.environ.get("LEERRECHT_SESSIE_INACTIEF_MINUTEN", "30")
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# Login rate limiting (django-axes, attempts in the database so every gunicorn worker sees them):
# after N failed passwords or 2FA codes for one username from one IP address, that pair is
# locked for M minutes; the parents' code page counts per IP address. Unlock: /beheer/axes/.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = int(os.environ.get("LEERRECHT_INLOG_POGINGEN", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LEERRECHT_INLOG_BLOKKADE_MINUTEN", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = False  # reset after the second factor, not after the password alone
AXES_LOCKOUT_CALLABLE = "leerrecht.web.tweestaps.views.geblokkeerd"
AXES_CLIENT_IP_CALLABLE = "leerrecht.web.tweestaps.beleid.client_ip"
AXES_VERBOSE = False
#: never stored in axes' attempt log: the password, a 2FA or backup code, a parent's code
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "password", "code"]
#: Behind a reverse proxy that terminates TLS: trust its X-Forwarded-Proto and take the client
#: address from the last X-Forwarded-For entry (the one the proxy added).
LEERRECHT_ACHTER_PROXY = env_bool("LEERRECHT_ACHTER_PROXY", False)
if LEERRECHT_ACHTER_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and env_bool("LEERRECHT_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The preload token only takes effect when someone submits the registered domain to
    # hstspreload.org; an installation on a subdomain (leerrecht.gemeente.nl) cannot be.
    SECURE_HSTS_PRELOAD = env_bool("LEERRECHT_HSTS_PRELOAD", True)
#: Content-Security-Policy (django-csp): everything from this server only, no inline script or
#: style (templates and htmx keep to that), no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
#: Browser features no page of leerrecht uses (Permissions-Policy header).
LEERRECHT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=()"
)

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

# -- background work (Celery, leerrecht.web.taken) ------------------------------------------------
#: Without a broker every task runs at once in the process that asks for it (eager): the demo,
#: the tests and a small installation need no Redis. With LEERRECHT_CELERY_BROKER (for example
#: redis://127.0.0.1:6379/0) tasks go to the workers (`leerrecht worker --concurrency N`).
CELERY_BROKER_URL = os.environ.get("LEERRECHT_CELERY_BROKER", "").strip()
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = CELERY_BROKER_URL or None
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # long tasks (a school, an import): one at a time each
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
#: The nightly evaluation (`celery beat`): HH:MM in LEERRECHT_TIME_ZONE, after midnight so the
#: peildatum is the new day and before school starts.
NACHTELIJKE_EVALUATIE = os.environ.get("LEERRECHT_NACHTELIJKE_EVALUATIE", "05:00")
_uur, _dubbelepunt, _minuut = NACHTELIJKE_EVALUATIE.partition(":")
CELERY_BEAT_SCHEDULE = {
    "nachtelijke-evaluatie": {
        "task": "leerrecht.nachtelijke_evaluatie",
        "schedule": crontab(hour=_uur, minute=_minuut or "0"),
    },
}
#: The retention job (leerrecht.web.bewaartermijnen, docs/beheer-bewaren-en-backup.md): weekly,
#: LEERRECHT_BEWAARTERMIJNEN_TIJD is "dag HH:MM" (dag 0-6, 0 = zondag, or sun..sat); with
#: LEERRECHT_BEWAARTERMIJNEN_PROEF=1 the job only stores its report (a dry run).
BEWAARTERMIJNEN_TIJD = os.environ.get("LEERRECHT_BEWAARTERMIJNEN_TIJD", "0 03:00").split()
BEWAARTERMIJNEN_PROEF = os.environ.get("LEERRECHT_BEWAARTERMIJNEN_PROEF", "") not in ("", "0")
_bw_dag = BEWAARTERMIJNEN_TIJD[0] if len(BEWAARTERMIJNEN_TIJD) > 1 else "0"
_bw_uur, _bw_dp, _bw_minuut = BEWAARTERMIJNEN_TIJD[-1].partition(":")
CELERY_BEAT_SCHEDULE["bewaartermijnen"] = {
    "task": "leerrecht.bewaartermijnen",
    "schedule": crontab(day_of_week=_bw_dag, hour=_bw_uur, minute=_bw_minuut or "0"),
}

# -- e-mail (letters to parents, leerrecht.web.brieven) ----------------------------------------
#: LEERRECHT_EMAIL_URL: smtp://host:25 (no encryption, a local relay), smtp+tls://user:pw@host:587
#: (STARTTLS) or smtps://user:pw@host:465 (TLS). Not set: no e-mail (the option is not shown),
#: except in the demo and debug mode, where mail is printed on the console.
EMAIL_URL = os.environ.get("LEERRECHT_EMAIL_URL", "").strip()
DEFAULT_FROM_EMAIL = os.environ.get("LEERRECHT_EMAIL_FROM", "leerrecht@localhost")
if EMAIL_URL:
    _mail = urlsplit(EMAIL_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or {"smtps": 465, "smtp+tls": 587}.get(_mail.scheme, 25)
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "smtp+tls"
    EMAIL_USE_SSL = _mail.scheme == "smtps"
    EMAIL_TIMEOUT = 30
elif DEBUG or DEMO:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
#: Whether letters can be sent by e-mail (a mail server, or the console of the demo).
LEERRECHT_EMAIL = bool(EMAIL_URL) or DEBUG or DEMO

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LEERRECHT_LOG_LEVEL", "WARNING")},
}
