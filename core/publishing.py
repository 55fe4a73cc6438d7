"""The last line before a page goes live, at the model, for every way of publishing.

Admin hooks keep the publish buttons away from pages under review; this catches what hooks
cannot see: ``revision.publish()`` in a shell, a management command, a future API. Page types
mix in :class:`GuardedPublishMixin`; the project registers the rule (cms.review_guard), so the
page apps need not know the workflow. Code that legitimately publishes without a person's
approval (the review workflow's own sign-off, the demo loader, an import of already published
rebuttals) says so, with a reason that goes to the log::

    with publishing_allowed("import_rumours"):
        revision.publish()
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

logger = logging.getLogger(__name__)

_guards: list[Callable] = []
_allowed_because: ContextVar[str | None] = ContextVar("publishing_allowed", default=None)


def register_publish_guard(guard: Callable) -> None:
    """``guard(page, revision, user)`` raises PermissionDenied to refuse a publish."""
    if guard not in _guards:
        _guards.append(guard)


@contextmanager
def publishing_allowed(reason: str) -> Iterator[None]:
    token = _allowed_because.set(reason)
    try:
        yield
    finally:
        _allowed_because.reset(token)


def check_publish(page, revision, user=None) -> None:
    reason = _allowed_because.get()
    if reason is not None:
        logger.info("publishing %s (page %s) allowed: %s", page, page.pk, reason)
        return
    for guard in _guards:
        guard(page, revision, user)


class GuardedPublishMixin:
    """For page types: every publish passes the registered guards first."""

    def publish(self, revision, user=None, *args, **kwargs):
        check_publish(self, revision, user)
        return super().publish(revision, *args, user=user, **kwargs)
