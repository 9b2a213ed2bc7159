from django.urls import path

from . import views

app_name = "measures"
urlpatterns = [
    path("", views.measure_list, name="list"),
    path("<slug:slug>/", views.measure_kind, name="kind"),
    path("<slug:slug>/<int:measurement_id>/modifier/", views.measure_edit, name="edit"),
    path("<slug:slug>/<int:measurement_id>/supprimer/", views.measure_delete, name="delete"),
]
