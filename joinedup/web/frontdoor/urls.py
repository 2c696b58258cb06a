"""Pages under /front-door/ (URL namespace "frontdoor")."""

from django.urls import path

from joinedup.web.frontdoor.views import managers, referrals, screening, steps

app_name = "frontdoor"
urlpatterns = [
    path("", referrals.index, name="index"),
    path("refer/", referrals.refer, name="refer"),
    path("refer/school/", referrals.refer_school, name="refer-school"),
    path("referrals/", referrals.my_referrals, name="my-referrals"),
    path("queue/", screening.queue, name="queue"),
    path("contacts/<str:reference>/", screening.contact, name="contact"),
    path("contacts/<str:reference>/child/", steps.link, name="link-child"),
    path("contacts/<str:reference>/rating/", steps.rate, name="rate"),
    path("contacts/<str:reference>/urgent/", steps.urgent, name="mark-urgent"),
    path("contacts/<str:reference>/decision/", steps.decide, name="decide"),
    path("timescales/", managers.timescales, name="timescales"),
    path("duty-rota/", managers.rota, name="rota"),
]
