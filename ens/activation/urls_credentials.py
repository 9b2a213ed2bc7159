app_name = "activation_credentials"
urlpatterns: list = []
