"""A burst of routing work from a process of its own, for concurrency tests:

    python -m tests.routing.burst visit INBOX_ID COUNT START_AT
    python -m tests.routing.burst resolve CONVERSATION_ID,... START_AT

Each waits until the unix time START_AT, so that processes started together
route at the same moment, then opens COUNT visitor conversations in the inbox
(each routed as the public API routes it) or resolves the conversations.
"""

import os
import sys
import time

import django


def main(argv: list[str]) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onechat.settings")
    django.setup()
    from accounts.models import Inbox
    from contacts.models import Contact, ContactInbox
    from conversations import services
    from conversations.models import Conversation

    action, target, *rest = argv
    start_at = float(rest[-1])
    if action == "visit":
        inbox = Inbox.objects.get(pk=int(target))
        sessions = [
            ContactInbox.objects.create(
                contact=Contact.objects.create(account=inbox.account),
                inbox=inbox,
            )
            for n in range(int(rest[0]))
        ]
        time.sleep(max(0.0, start_at - time.time()))
        for session in sessions:
            services.create_contact_message(contact_inbox=session, content="hi")
    else:
        conversations = list(
            Conversation.objects.filter(pk__in=[int(pk) for pk in target.split(",")])
        )
        time.sleep(max(0.0, start_at - time.time()))
        for conversation in conversations:
            services.change_status(conversation=conversation, status="resolved")


if __name__ == "__main__":
    main(sys.argv[1:])
