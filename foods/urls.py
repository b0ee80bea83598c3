from django.urls import path
from rest_framework.routers import SimpleRouter

from foods import api, custom

# The "foods" namespace; the pages that pick a food to log are the log's
# (tracker.urls.food_pages) and join these in config/urls.py.
app_name = "foods"
urlpatterns = [
    path("mine/", custom.custom_list, name="custom_list"),
    path("mine/new/", custom.custom_new, name="custom_new"),
    path("mine/<int:pk>/edit/", custom.custom_edit, name="custom_edit"),
    path("mine/<int:pk>/delete/", custom.custom_delete, name="custom_delete"),
    path("mine/<int:pk>/suggest/", custom.custom_suggest, name="custom_suggest"),
]

router = SimpleRouter()
router.register("foods", api.FoodViewSet, basename="food")
api_urlpatterns = router.urls
