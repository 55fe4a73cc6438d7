"""Background work for search, through django-tasks (run inline by the immediate backend)."""

from django_tasks import task

from . import sync


@task()
def sync_pages_task(page_ids: list[int]) -> None:
    sync.sync_pages(page_ids)


@task()
def push_pending_task() -> int:
    return sync.push_pending()
