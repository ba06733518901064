import pytest

from tests.tasks.queue_support import using_rq


@pytest.fixture
def queue(settings):
    """Tasks go to the real queue instead of running at enqueue."""
    settings.TASKS = settings.TASKS_QUEUE
    if using_rq():
        import django_rq

        for name in settings.RQ_QUEUES:
            django_rq.get_connection(name).flushdb()
    yield
