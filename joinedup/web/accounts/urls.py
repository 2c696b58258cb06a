from django.urls import path

from joinedup.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/code/", views.verify, name="verify"),
    path("sign-in/set-up/", views.set_up, name="set-up-2fa"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("session/extend/", views.session_extend, name="session-extend"),
]
