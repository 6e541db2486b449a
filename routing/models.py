"""What routing observes of each inbox's queue, to estimate waits."""

from datetime import datetime

from django.db import models

from accounts.models import Inbox

# Weight of the newest observation in the moving averages: about the last forty
# hand-offs count. Hand-off intervals are close to exponential, so a shorter
# memory mostly adds noise (bench/routing.py: median error at arrival 144 s
# with 0.2, 97 s with 0.05).
SMOOTHING = 0.05


def moving_average(average: float | None, value: float) -> float:
    """The exponentially weighted moving average after observing ``value``."""
    return value if average is None else average + SMOOTHING * (value - average)


class QueueStats(models.Model):
    """Moving averages of an inbox's queue: how long conversations waited, and
    how often one left the queue for an agent while others waited."""

    inbox = models.OneToOneField(
        Inbox, on_delete=models.CASCADE, primary_key=True, related_name="queue_stats"
    )
    average_wait_seconds = models.FloatField(null=True)
    handoff_interval_seconds = models.FloatField(null=True)
    last_handoff_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name_plural = "queue stats"

    def __str__(self) -> str:
        return f"Queue of {self.inbox}"

    def record_handoff(self, *, waiting_since: datetime, at: datetime) -> None:
        """Observe a conversation that waited since ``waiting_since`` leaving
        the queue for an agent ``at`` that time (the caller saves)."""
        self.average_wait_seconds = moving_average(
            self.average_wait_seconds, (at - waiting_since).total_seconds()
        )
        # The gap since the previous hand-off measures the service rate only
        # when this conversation was already waiting then; after an empty
        # queue it would measure the lull.
        if self.last_handoff_at is not None and waiting_since <= self.last_handoff_at:
            self.handoff_interval_seconds = moving_average(
                self.handoff_interval_seconds,
                (at - self.last_handoff_at).total_seconds(),
            )
        self.last_handoff_at = at

    def estimate_wait(self, position: int) -> int | None:
        """Seconds the conversation at ``position`` (1 is next) should still
        wait: one hand-off interval per place, or the average wait while no
        interval was observed; None before any hand-off."""
        if self.handoff_interval_seconds is not None:
            return round(position * self.handoff_interval_seconds)
        if self.average_wait_seconds is not None:
            return round(self.average_wait_seconds)
        return None
