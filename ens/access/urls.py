from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("", views.history, name="history"),
    path("telecharger/csv/", views.history_csv, name="history_csv"),
    path("telecharger/pdf/", views.history_pdf, name="history_pdf"),
]
