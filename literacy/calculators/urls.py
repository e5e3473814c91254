app_name = "calculators"

urlpatterns: list = []
