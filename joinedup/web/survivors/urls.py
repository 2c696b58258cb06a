"""The inquiry's pages for survivors' accounts, under /inquiry/accounts/ ("survivors")."""

from django.urls import path

from joinedup.web.survivors.views import staff

app_name = "survivors"
urlpatterns = [
    path("", staff.index, name="index"),
    path("record/", staff.record, name="record"),
    path("<str:reference>/", staff.account, name="account"),
    path("<str:reference>/consent/", staff.consent_change, name="consent"),
    path("<str:reference>/anonymised/", staff.anonymised, name="anonymised"),
    path("<str:reference>/anonymised/approve/", staff.approve, name="approve"),
    path("<str:reference>/referrals/add/", staff.referral, name="referral"),
]
