"""The link-review queue, under /review/ (URL namespace "reviews")."""

from django.urls import path

from joinedup.web.reviews.views import pair, queue

app_name = "reviews"
urlpatterns = [
    path("", queue.queue, name="queue"),
    path("<int:pair_id>/", pair.person_pair, name="pair"),
    path("entities/", queue.entities, name="entities"),
    path("entities/<int:pair_id>/", pair.entity_pair, name="entity-pair"),
]
