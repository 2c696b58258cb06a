"""The survivor's form, under /public/your-experience/ ("survivors_public"): no sign-in."""

from django.urls import path

from joinedup.web.survivors.views import public

app_name = "survivors_public"
urlpatterns = [
    path("", public.start, name="start"),
    path("question/<slug:step>/", public.question, name="question"),
    path("check-your-answers/", public.check, name="check"),
    path("sent/", public.sent, name="sent"),
    path("delete-your-answers/", public.delete, name="delete"),
    path("change-your-choices/", public.come_back, name="return"),
    path("change-your-choices/choices/", public.choices, name="choices"),
    path("change-your-choices/saved/", public.choices_saved, name="choices-saved"),
]
