"""Views outside the page tree."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (cookies blocked, a page left open for days)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def server_error(request):
    """Django's default 500 view, plus the Content-Security-Policy nonce for the page's inline
    styles. Still no context processors or base template: they may be what failed."""
    nonce = getattr(request, "csp_nonce", "")
    html = loader.get_template("500.html").render({"csp_nonce": nonce})
    return HttpResponseServerError(html)
