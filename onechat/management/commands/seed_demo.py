import json

from django.core.management.base import BaseCommand

from onechat.demo import DemoPerson, demo_people, demo_queues, seed_demo


class Command(BaseCommand):
    help = (
        "Create the demo account with its agents and a scene for each capability "
        "(idempotent: a second run changes nothing), and print how to sign in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print the handles as JSON."
        )
        parser.add_argument(
            "--minimal",
            action="store_true",
            help=(
                "Only the administrator, the two inboxes and two conversations "
                "(what the benchmarks start from)."
            ),
        )

    def handle(self, *args, **options):
        demo = seed_demo(scenes=not options["minimal"])
        if options["json"]:
            self.stdout.write(json.dumps(demo.as_dict()))
            return
        self.stdout.write(f"Demo account {demo.account_id}: sign in as")
        people = demo_people(demo)
        width = max(len(person.email) for person in people)
        for person in people:
            password = person.password or "(a password of their own)"
            self.stdout.write(
                f"  {person.email.ljust(width)} / {password}  {describe(person)}"
            )
        for inbox, count in demo_queues(demo).items():
            waiting = "1 visitor waits" if count == 1 else f"{count} visitors wait"
            self.stdout.write(f"In the queue of {inbox}, {waiting} for an agent.")


def describe(person: DemoPerson) -> str:
    """Name, role, availability and load, e.g. "Cara Lindqvist, agent, online,
    2 of 2 open conversations: at capacity"."""
    capacity = person.capacity
    load = f"{capacity.load} of {capacity.limit}" if capacity.limit else capacity.load
    plural = "" if capacity.load == 1 and not capacity.limit else "s"
    parts = [
        capacity.user.available_name,
        person.role,
        capacity.availability,
        f"{load} open conversation{plural}",
    ]
    full = capacity.limit is not None and capacity.load >= capacity.limit
    return ", ".join(parts) + (": at capacity" if full else "")
