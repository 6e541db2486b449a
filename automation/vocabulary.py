"""The names rules and macros use: Chatwoot's events, action names and the
capability an agent needs for each action a macro runs."""

from collaboration import capabilities

# One action of a rule or macro: ``{action_name, action_params}``.
ASSIGN_AGENT = "assign_agent"
ASSIGN_TEAM = "assign_team"
ADD_LABEL = "add_label"
REMOVE_LABEL = "remove_label"
SEND_MESSAGE = "send_message"
ADD_PRIVATE_NOTE = "add_private_note"
SEND_WEBHOOK_EVENT = "send_webhook_event"
RESOLVE_CONVERSATION = "resolve_conversation"
SNOOZE_CONVERSATION = "snooze_conversation"
OPEN_CONVERSATION = "open_conversation"
CHANGE_STATUS = "change_status"
MUTE_CONVERSATION = "mute_conversation"
CHANGE_PRIORITY = "change_priority"
SEND_EMAIL_TO_TEAM = "send_email_to_team"
SEND_EMAIL_TRANSCRIPT = "send_email_transcript"

# What a macro's agent needs on the conversation for each action.
CAPABILITY_OF_ACTION = {
    ASSIGN_AGENT: capabilities.TRANSFER,
    ASSIGN_TEAM: capabilities.TRANSFER,
    ADD_LABEL: capabilities.UPDATE_ATTRIBUTES,
    REMOVE_LABEL: capabilities.UPDATE_ATTRIBUTES,
    SEND_MESSAGE: capabilities.SEND_MESSAGE,
    ADD_PRIVATE_NOTE: capabilities.ADD_NOTE,
    SEND_WEBHOOK_EVENT: capabilities.UPDATE_ATTRIBUTES,
    RESOLVE_CONVERSATION: capabilities.RESOLVE,
    SNOOZE_CONVERSATION: capabilities.RESOLVE,
    OPEN_CONVERSATION: capabilities.RESOLVE,
    CHANGE_STATUS: capabilities.RESOLVE,
    # Muting resolves the conversation.
    MUTE_CONVERSATION: capabilities.RESOLVE,
    CHANGE_PRIORITY: capabilities.UPDATE_ATTRIBUTES,
    SEND_EMAIL_TO_TEAM: capabilities.UPDATE_ATTRIBUTES,
    SEND_EMAIL_TRANSCRIPT: capabilities.UPDATE_ATTRIBUTES,
}
ACTION_NAMES = tuple(CAPABILITY_OF_ACTION)

# ``assign_agent`` in a macro: the agent who runs it; in both, no one.
SELF = "self"
NOBODY = "nil"
