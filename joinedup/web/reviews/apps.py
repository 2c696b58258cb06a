from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "joinedup.web.reviews"
    label = "reviews"
