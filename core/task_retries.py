"""Retries with backoff for background jobs run by the django-tasks-db worker.

django-tasks has no retries of its own. When a job fails in the worker, the same task with the
same arguments is enqueued again to run after TASK_RETRY_DELAY_SECONDS × 2^(failures − 1), until
TASK_MAX_ATTEMPTS runs have failed. Each failed run stays in the table as it was (status,
exception, traceback), so nothing is lost and the admin's list of failed jobs shows them all.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def retry_delay(failures: int) -> timedelta:
    """The wait before the next run, after ``failures`` failed runs (1, 2, …)."""
    return timedelta(seconds=settings.TASK_RETRY_DELAY_SECONDS * 2 ** max(0, failures - 1))


def retry_failed_job(sender, task_result, **kwargs) -> None:
    if task_result.status != TaskResultStatus.FAILED or not issubclass(sender, DatabaseBackend):
        return
    failures = DBTaskResult.objects.filter(
        task_path=task_result.task.module_path,
        args_kwargs={"args": list(task_result.args), "kwargs": dict(task_result.kwargs)},
        status=TaskResultStatus.FAILED,
        enqueued_at__gte=timezone.now() - timedelta(days=1),
    ).count()
    if failures >= settings.TASK_MAX_ATTEMPTS:
        logger.error(
            "Job %s failed %s times; no more retries (see the failed jobs report)",
            task_result.task.module_path,
            failures,
        )
        return
    delay = retry_delay(failures)
    task_result.task.using(run_after=timezone.now() + delay).enqueue(
        *task_result.args, **task_result.kwargs
    )
    logger.warning(
        "Job %s failed (%s of %s); retrying in %ss",
        task_result.task.module_path,
        failures,
        settings.TASK_MAX_ATTEMPTS,
        int(delay.total_seconds()),
    )
