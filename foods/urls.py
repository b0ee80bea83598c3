from django.urls import path
from rest_framework.routers import SimpleRouter

from foods import api, custom, recipes

# The "foods" namespace; the pages that pick a food to log are the log's
# (tracker.urls.food_pages) and join these in config/urls.py.
app_name = "foods"
urlpatterns = [
    path("mine/", custom.custom_list, name="custom_list"),
    path("mine/new/", custom.custom_new, name="custom_new"),
    path("mine/<int:pk>/edit/", custom.custom_edit, name="custom_edit"),
    path("mine/<int:pk>/delete/", custom.custom_delete, name="custom_delete"),
    path("mine/<int:pk>/suggest/", custom.custom_suggest, name="custom_suggest"),
    path("recipes/", recipes.recipe_list, name="recipe_list"),
    path("recipes/<int:pk>/", recipes.recipe_edit, name="recipe_edit"),
    path("recipes/<int:pk>/delete/", recipes.recipe_delete, name="recipe_delete"),
    path("recipes/<int:pk>/add/<int:food_id>/", recipes.ingredient_add, name="ingredient_add"),
    path("recipes/<int:pk>/ingredients/<int:ingredient_pk>/", recipes.ingredient_edit, name="ingredient"),
    path(
        "recipes/<int:pk>/ingredients/<int:ingredient_pk>/remove/",
        recipes.ingredient_remove,
        name="ingredient_remove",
    ),
]

router = SimpleRouter()
router.register("foods", api.FoodViewSet, basename="food")
router.register("recipes", api.RecipeViewSet, basename="recipe")
api_urlpatterns = router.urls
