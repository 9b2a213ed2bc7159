from django.urls import include, path

urlpatterns = [
    path("", include("ens.core.urls")),
    path("", include("ens.notifications.urls")),
]
