from django.urls import URLPattern

app_name = "ouders"
urlpatterns: list[URLPattern] = []
