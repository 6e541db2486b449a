import json

from django.core.management.base import BaseCommand

from onechat.demo import seed_demo_account


class Command(BaseCommand):
    help = "Create the demo account (idempotent) and print how to sign in."

    def add_arguments(self, parser):
        parser.add_argument(
            "--json", action="store_true", help="Print the handles as JSON."
        )

    def handle(self, *args, **options):
        demo = seed_demo_account()
        if options["json"]:
            self.stdout.write(json.dumps(demo.as_dict()))
            return
        self.stdout.write(
            f"Demo account {demo.account_id}: sign in as {demo.email} / {demo.password}"
        )
