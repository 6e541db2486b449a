"""Create the data a benchmark needs in the demo account and print its handles.

Run by ``harness.OneChat.setup`` with the benchmark's DATABASE_URL:

    python bench/setup_data.py --agents 200 --visitors 1000 --flooders 10

Prints JSON: the demo account's handles, the agents (id, token), one
conversation for the Application API, one conversation per visitor with the
public API's handles, and as many per flooder in the demo's API inbox (whose
messages reach none of the agents created here). Everything goes through
OneChat's own services.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
django.setup()

from django.db import transaction  # noqa: E402

from accounts.models import Account, AccountUser, Inbox, InboxMember, User  # noqa: E402
from contacts.services import create_contact, create_contact_session  # noqa: E402
from conversations.services import create_conversation  # noqa: E402
from onechat.demo import seed_demo_account  # noqa: E402


def create_agents(*, account: Account, inbox: Inbox, count: int) -> list[dict]:
    """``count`` agents of ``account``, members of ``inbox``, without passwords
    (hashing one costs a third of a second; the benchmarks sign in by token)."""
    agents = []
    for number in range(count):
        user = User.objects.create_user(
            f"bench-agent-{number}@onechat.local", None, name=f"Agent {number}"
        )
        AccountUser.objects.create(
            account=account, user=user, role=AccountUser.Role.AGENT
        )
        InboxMember.objects.create(inbox=inbox, user=user)
        agents.append({"user_id": user.pk, "pubsub_token": user.pubsub_token})
    return agents


def open_conversation(*, inbox: Inbox, name: str) -> dict:
    """A new contact with a session and an open conversation in ``inbox``."""
    contact = create_contact(account=inbox.account, name=name)
    session = create_contact_session(contact=contact, inbox=inbox)
    conversation = create_conversation(inbox=inbox, contact_inbox=session)
    return {
        "display_id": conversation.display_id,
        "source_id": str(session.source_id),
        "pubsub_token": session.pubsub_token,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--agents", type=int, default=0)
    parser.add_argument("--visitors", type=int, default=0)
    parser.add_argument("--flooders", type=int, default=0)
    args = parser.parse_args()
    demo = seed_demo_account()
    inbox = Inbox.objects.get(pk=demo.inbox_id)
    api_inbox = Inbox.objects.get(identifier=demo.api_inbox_identifier)
    with transaction.atomic():
        agents = create_agents(account=inbox.account, inbox=inbox, count=args.agents)
    conversation = open_conversation(inbox=inbox, name="Bench visitor")
    visitors = []
    for number in range(args.visitors):
        with transaction.atomic():
            visitors.append(open_conversation(inbox=inbox, name=f"Visitor {number}"))
    flooders = []
    for number in range(args.flooders):
        with transaction.atomic():
            flooders.append(
                open_conversation(inbox=api_inbox, name=f"Flooder {number}")
            )
    print(
        json.dumps(
            {
                **demo.as_dict(),
                "agents": agents,
                "conversation": conversation,
                "visitors": visitors,
                "flooders": flooders,
            }
        )
    )


if __name__ == "__main__":
    main()
