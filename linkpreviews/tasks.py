"""Link preview work, run by the job worker (``manage.py db_worker``)."""

from django_tasks import task

from linkpreviews import services


@task()
def preview_message_link(*, message_id: int) -> None:
    """Fetch the preview of a message's first link (see
    ``services.preview_message``)."""
    services.preview_message(message_id=message_id)
