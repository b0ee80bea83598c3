from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from core.rest import Pagination, validated_query
from foods.recipes import RECIPE_PREFETCH, delete_recipe, own_recipes
from foods.search import RankedPage, search, visible_foods, with_portions, with_reference_amounts
from foods.serializers import CustomFoodSerializer, FoodQuerySerializer, FoodSerializer, RecipeSerializer


def ordered(foods, ordering: str):
    name = ordering.removeprefix("-")
    order = F(name).desc(nulls_last=True) if ordering.startswith("-") else F(name).asc(nulls_last=True)
    return foods.order_by(order, "pk")


class SearchPagination(Pagination):
    """A page of foods, with what was searched when an everyday name or a typo was understood."""

    def paginate_queryset(self, queryset, request, view=None):
        self.showing_results_for = getattr(view, "showing_results_for", "")  # set by filter_queryset
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        if self.showing_results_for:
            response.data["showing_results_for"] = self.showing_results_for
        return response

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["showing_results_for"] = {
            "type": "string",
            "description": "What was searched instead of the query, when an everyday name "
            "(a synonym) or a typo was understood; absent otherwise.",
            "example": "broccoli",
        }
        return paginated


@extend_schema_view(
    list=extend_schema(parameters=[FoodQuerySerializer]),
    create=extend_schema(request=CustomFoodSerializer, responses={201: FoodSerializer}),
)
class FoodViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """USDA foods, foods staff shared, and your own custom foods. POST adds a custom food,
    private to you; foods are not changed through the API (staff curate them in the admin,
    you edit your own on the custom food page)."""

    def get_serializer_class(self):
        return CustomFoodSerializer if self.action == "create" else FoodSerializer

    def perform_create(self, serializer):
        serializer.save(created_by=self.request.user)

    pagination_class = SearchPagination
    showing_results_for = ""

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return FoodSerializer.Meta.model.objects.none()
        return with_reference_amounts(with_portions(visible_foods(self.request.user)))

    def filter_queryset(self, foods):
        if self.action != "list":
            return foods
        query = validated_query(FoodQuerySerializer, self.request)
        if query.get("category"):
            foods = foods.filter(category=query["category"])
        if query.get("search"):
            found = search(foods, query["search"])
            self.showing_results_for = found.showing_results_for
            if not query.get("ordering"):
                return RankedPage(foods, found)
            return RankedPage(ordered(foods, query["ordering"]), found, sorted=True)
        if query.get("ordering"):
            foods = ordered(foods, query["ordering"])
        return foods


class RecipeViewSet(viewsets.ModelViewSet):
    """Your recipes, private to you. Each is logged through its own food (`food`): an entry of it
    by its "1 serving" portion, or by grams of the dish. Saving a recipe replaces its ingredients
    with those sent and works its values out again; entries already logged keep theirs. DELETE
    removes the recipe; a recipe in your log stays as an archived food for those entries."""

    serializer_class = RecipeSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return RecipeSerializer.Meta.model.objects.none()
        return own_recipes(self.request.user).prefetch_related(*RECIPE_PREFETCH).order_by("pk")

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)

    def perform_destroy(self, recipe):
        delete_recipe(recipe)
