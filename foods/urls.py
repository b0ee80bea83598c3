from django.urls import path
from rest_framework.routers import SimpleRouter

from foods import api, custom, recipe_views

# The "foods" namespace; the pages that pick a food to log are the log's
# (tracker.urls.food_pages) and join these in config/urls.py.
app_name = "foods"
urlpatterns = [
    path("mine/", custom.custom_list, name="custom_list"),
    path("mine/new/", custom.custom_new, name="custom_new"),
    path("mine/<int:pk>/edit/", custom.custom_edit, name="custom_edit"),
    path("mine/<int:pk>/delete/", custom.custom_delete, name="custom_delete"),
    path("mine/<int:pk>/suggest/", custom.custom_suggest, name="custom_suggest"),
    path("recipes/", recipe_views.recipe_list, name="recipe_list"),
    path("recipes/<int:pk>/", recipe_views.recipe_edit, name="recipe_edit"),
    path("recipes/<int:pk>/delete/", recipe_views.recipe_delete, name="recipe_delete"),
    path("recipes/<int:pk>/add/<int:food_id>/", recipe_views.ingredient_add, name="ingredient_add"),
    path(
        "recipes/<int:pk>/ingredients/<int:ingredient_pk>/", recipe_views.ingredient_edit, name="ingredient"
    ),
    path(
        "recipes/<int:pk>/ingredients/<int:ingredient_pk>/remove/",
        recipe_views.ingredient_remove,
        name="ingredient_remove",
    ),
]

router = SimpleRouter()
router.register("foods", api.FoodViewSet, basename="food")
router.register("recipes", api.RecipeViewSet, basename="recipe")
api_urlpatterns = router.urls
