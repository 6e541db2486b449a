"""The account right now: open, unattended, unassigned, pending and waiting
conversations, and who of the agents is online, busy or offline (the
presence that ``presence.update`` pushes)."""

from django.db.models import Count, Q

from accounts.models import Account, AccountUser
from accounts.selectors import presence_since
from conversations.models import Conversation
from routing.selectors import present_agents

OPEN = Conversation.Status.OPEN
# Open and not answered yet, or back in a queue: what nobody attends to.
UNATTENDED = Q(status=OPEN) & (
    Q(first_reply_created_at__isnull=True) | Q(waiting_since__isnull=False)
)


def _availabilities(account: Account) -> dict[int, str]:
    present = present_agents(account_id=account.pk, since=presence_since())
    return {int(user_id): shown for user_id, shown in present.items()}


def overview(*, account: Account) -> dict:
    """Chatwoot's account conversation metrics, with the queue and the
    agents' availability."""
    figures = Conversation.objects.filter(account=account).aggregate(
        open=Count("id", filter=Q(status=OPEN)),
        unattended=Count("id", filter=UNATTENDED),
        unassigned=Count("id", filter=Q(status=OPEN, assignee__isnull=True)),
        pending=Count("id", filter=Q(status=Conversation.Status.PENDING)),
        waiting=Count(
            "id",
            filter=Q(status=OPEN, assignee__isnull=True, waiting_since__isnull=False),
        ),
    )
    shown = list(_availabilities(account).values())
    members = AccountUser.objects.filter(account=account).count()
    online = shown.count(AccountUser.Availability.ONLINE)
    busy = shown.count(AccountUser.Availability.BUSY)
    figures["agents"] = {
        "online": online,
        "busy": busy,
        "offline": members - online - busy,
    }
    return figures


def agents(*, account: Account) -> list[dict]:
    """Chatwoot's agent conversation metrics: each agent's open and
    unattended conversations, and availability."""
    loads = {
        row["assignee_id"]: row
        for row in Conversation.objects.filter(account=account, status=OPEN)
        .values("assignee_id")
        .annotate(open=Count("id"), unattended=Count("id", filter=UNATTENDED))
        .order_by()
    }
    shown = _availabilities(account)
    rows = []
    for membership in (
        AccountUser.objects.filter(account=account)
        .select_related("user")
        .order_by("user__name", "user_id")
    ):
        user = membership.user
        load = loads.get(user.pk, {})
        rows.append(
            {
                "id": user.pk,
                "name": user.name,
                "email": user.email,
                "thumbnail": user.avatar_url,
                "availability": shown.get(user.pk, AccountUser.Availability.OFFLINE),
                "metric": {
                    "open": load.get("open", 0),
                    "unattended": load.get("unattended", 0),
                },
            }
        )
    return rows
