"""The domain core: calendar, leerplicht, absence classification and the statutory rules.

This package must stay free of Django (and of any I/O framework) so that the command line,
batch jobs and the web application all run the same rules.
"""
