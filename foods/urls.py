from django.urls import path

from foods import custom, views

app_name = "foods"
urlpatterns = [
    path("", views.food_list, name="list"),
    path("rich/", views.rich_foods, name="rich"),
    path("<int:pk>/", views.food_detail, name="detail"),
    path("mine/", custom.custom_list, name="custom_list"),
    path("mine/new/", custom.custom_new, name="custom_new"),
    path("mine/<int:pk>/edit/", custom.custom_edit, name="custom_edit"),
    path("mine/<int:pk>/delete/", custom.custom_delete, name="custom_delete"),
    path("mine/<int:pk>/suggest/", custom.custom_suggest, name="custom_suggest"),
]
