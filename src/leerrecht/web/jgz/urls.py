from django.urls import path  # noqa: F401

app_name = "jgz"

urlpatterns: list[object] = []
