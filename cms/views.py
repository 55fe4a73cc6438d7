"""Views outside the page tree."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without a valid CSRF token (cookies blocked, a page left open for days)."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)
