from django.urls import path

from . import views

app_name = "medical_profile"
urlpatterns = [path("", views.detail, name="detail")]
