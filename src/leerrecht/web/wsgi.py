"""WSGI entry point: ``gunicorn leerrecht.web.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerrecht.web.conf.settings")
application = get_wsgi_application()

from django.core.exceptions import ImproperlyConfigured  # noqa: E402

from leerrecht.web.scholen.checks import insecure_key_problem  # noqa: E402

if (problem := insecure_key_problem()) is not None:
    raise ImproperlyConfigured(problem)
