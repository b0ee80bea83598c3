from django.db.models import F
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, viewsets

from core.rest import validated_query
from foods.search import search_foods, visible_foods, with_portions, with_reference_amounts
from foods.serializers import CustomFoodSerializer, FoodQuerySerializer, FoodSerializer


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
            foods = search_foods(foods, query["search"])
        if query.get("ordering"):
            name = query["ordering"].removeprefix("-")
            descending = query["ordering"].startswith("-")
            order = F(name).desc(nulls_last=True) if descending else F(name).asc(nulls_last=True)
            foods = foods.order_by(order, "pk")
        return foods
