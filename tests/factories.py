"""factory_boy factories for OneChat's models."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import Account, AccountUser, Inbox, InboxMember, Team
from contacts.models import Contact, ContactInbox
from conversations.models import Conversation, Message

PASSWORD = "correct-horse-battery"


class AccountFactory(DjangoModelFactory):
    class Meta:
        model = Account

    name = factory.Sequence(lambda n: f"Account {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = "accounts.User"
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"agent{n}@example.com")
    name = factory.Sequence(lambda n: f"Agent {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class AccountUserFactory(DjangoModelFactory):
    class Meta:
        model = AccountUser

    account = factory.SubFactory(AccountFactory)
    user = factory.SubFactory(UserFactory)
    role = AccountUser.Role.AGENT


class InboxFactory(DjangoModelFactory):
    class Meta:
        model = Inbox

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Website {n}")
    channel_type = Inbox.ChannelType.WEBSITE


class InboxMemberFactory(DjangoModelFactory):
    class Meta:
        model = InboxMember

    inbox = factory.SubFactory(InboxFactory)
    user = factory.SubFactory(UserFactory)


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Visitor {n}")


class ContactInboxFactory(DjangoModelFactory):
    class Meta:
        model = ContactInbox

    contact = factory.SubFactory(ContactFactory)
    inbox = factory.SubFactory(
        InboxFactory, account=factory.SelfAttribute("..contact.account")
    )


class ConversationFactory(DjangoModelFactory):
    class Meta:
        model = Conversation

    contact_inbox = factory.SubFactory(ContactInboxFactory)
    inbox = factory.SelfAttribute("contact_inbox.inbox")
    contact = factory.SelfAttribute("contact_inbox.contact")
    account = factory.SelfAttribute("inbox.account")


class MessageFactory(DjangoModelFactory):
    class Meta:
        model = Message

    conversation = factory.SubFactory(ConversationFactory)
    account = factory.SelfAttribute("conversation.account")
    inbox = factory.SelfAttribute("conversation.inbox")
    message_type = Message.MessageType.INCOMING
    content = factory.Sequence(lambda n: f"Message {n}")
