from django.urls import path

from joinedup.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.who_saw_what, name="index"),
    path("outside-allocation/", views.outside_allocation, name="outside-allocation"),
    path("break-glass/", views.break_glass, name="break-glass"),
    path("verify/", views.verify, name="verify"),
    path("inquiry/", views.inquiry_log, name="inquiry"),
]
