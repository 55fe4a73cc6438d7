"""Views outside the page tree: the CSRF failure page and the admin login with its limits."""

import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from wagtail.admin.views.account import LoginView

from core.ratelimit import by_address, by_username, client_ip, hit, too_many_requests, used_up

# Failed and refused admin logins, for whoever watches the logs (or fail2ban).
security_log = logging.getLogger("cms.security")

USERNAME_LOGGED_LENGTH = 150


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (cookies blocked, a page left open for days)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


class ThrottledLoginView(LoginView):
    """Wagtail's admin login, refusing password guessing: after ADMIN_LOGIN_FAILURES_PER_IP
    failures from one address, or ADMIN_LOGIN_FAILURES_PER_USERNAME on one account name from
    anywhere, within ADMIN_LOGIN_WINDOW_SECONDS, every attempt (the right password too) gets a
    429 until the window ends. Only failures count. Served at /admin/login/ under Wagtail's URL
    name (cms/urls.py)."""

    def limits(self, username: str):
        window = settings.ADMIN_LOGIN_WINDOW_SECONDS
        return [
            ("admin-login-address", settings.ADMIN_LOGIN_FAILURES_PER_IP, window, by_address),
            (
                "admin-login-username",
                settings.ADMIN_LOGIN_FAILURES_PER_USERNAME,
                window,
                by_username(username),
            ),
        ]

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")
        for group, limit, window, key in self.limits(username):
            refusal = used_up(request, group, limit, window, key=key)
            if refusal is not None:
                self.log("refused (too many failures)", username)
                return self.refuse(username, refusal)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        username = self.request.POST.get("username", "")
        for group, limit, window, key in self.limits(username):
            hit(self.request, group, limit, window, key=key)
        self.log("failed", username)
        return super().form_invalid(form)

    def refuse(self, username: str, refusal):
        notice = f"登录失败次数太多，请约 {refusal.retry_after_minutes} 分钟后再试。"
        messages.error(self.request, notice)  # the login page shows messages above the form
        # An unbound form: the password sent is never checked.
        form = self.get_form_class()(self.request, initial={"username": username})
        context = self.get_context_data(form=form)
        return too_many_requests(
            self.request, self.get_template_names(), context, refusal, notice=notice
        )

    def log(self, outcome: str, username: str):
        security_log.warning(
            "Admin login %s: username %r from %s",
            outcome,
            username[:USERNAME_LOGGED_LENGTH],
            client_ip(self.request),
        )


def server_error(request):
    """Django's default 500 view, plus the Content-Security-Policy nonce for the page's inline
    styles. Still no context processors or base template: they may be what failed."""
    nonce = getattr(request, "csp_nonce", "")
    html = loader.get_template("500.html").render({"csp_nonce": nonce})
    return HttpResponseServerError(html)
