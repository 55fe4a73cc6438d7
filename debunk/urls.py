from django.urls import path

from . import views

app_name = "debunk"

urlpatterns = [
    path("", views.ask, name="ask"),
    path("check/", views.check, name="check"),
    path("send/", views.send, name="send"),
    path("found/", views.found, name="found"),
    path("thanks/", views.thanks, name="thanks"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path(
        "subscribe/confirm/<str:token>/",
        views.subscription_confirm,
        name="subscription_confirm",
    ),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("informant/", views.informant_home, name="informant_home"),
    path("informant/new/", views.informant_new, name="informant_new"),
    path("informant/<int:pk>/", views.informant_tip, name="informant_tip"),
    path("informant/login/", views.InformantLoginView.as_view(), name="informant_login"),
    path("informant/logout/", views.InformantLogoutView.as_view(), name="informant_logout"),
]
