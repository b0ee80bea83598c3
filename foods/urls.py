from django.urls import path

from foods import views

app_name = "foods"
urlpatterns = [
    path("", views.food_list, name="list"),
    path("rich/", views.rich_foods, name="rich"),
    path("<int:pk>/", views.food_detail, name="detail"),
]
