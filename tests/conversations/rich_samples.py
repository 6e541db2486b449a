"""Rich message bodies shared by the API tests: one valid body per content
type, and bad variants each naming the field path a 400 must name."""

VALID = {
    "input_select": {
        "content": "Pick a plan",
        "content_type": "input_select",
        "content_attributes": {
            "items": [
                {"title": "Basic", "value": "basic"},
                {"title": "Pro", "value": "pro", "url": "https://example.com/pro"},
            ],
            "header": "Plans",
            "footer": "Monthly prices",
        },
    },
    "quick_reply": {
        "content": "Did that help?",
        "content_type": "input_select",
        "content_attributes": {
            "quick_reply": True,
            "items": [
                {"title": "Yes", "value": "yes"},
                {"title": "No", "value": "no"},
                {"title": "Talk to someone", "value": "human"},
            ],
        },
    },
    "form": {
        "content": "Tell us more",
        "content_type": "form",
        "content_attributes": {
            "items": [
                {
                    "name": "full_name",
                    "label": "Name",
                    "type": "text",
                    "required": True,
                },
                {"name": "email", "label": "Email", "type": "email"},
                {"name": "age", "label": "Age", "type": "number"},
                {"name": "phone", "label": "Phone", "type": "phone"},
                {"name": "notes", "label": "Notes", "type": "text_area"},
                {"name": "visit", "label": "Visit", "type": "date"},
                {"name": "news", "label": "Newsletter", "type": "checkbox"},
                {
                    "name": "size",
                    "label": "Size",
                    "type": "select",
                    "options": [
                        {"title": "Small", "value": "s"},
                        {"title": "Large", "value": "l"},
                    ],
                },
            ]
        },
    },
    "cards": {
        "content": "Our offers",
        "content_type": "cards",
        "content_attributes": {
            "items": [
                {
                    "title": "Coffee",
                    "description": "Fresh beans",
                    "media_url": "https://example.com/coffee.png",
                    "actions": [
                        {"type": "link", "text": "Open", "uri": "https://example.com"},
                        {"type": "postback", "text": "Buy", "payload": "BUY_COFFEE"},
                    ],
                }
            ]
        },
    },
    "article": {
        "content": "Read this",
        "content_type": "article",
        "content_attributes": {
            "items": [
                {
                    "title": "Refunds",
                    "description": "How refunds work",
                    "link": "https://example.com/refunds",
                }
            ]
        },
    },
    "input_email": {"content": "Your email?", "content_type": "input_email"},
    "input_csat": {"content": "Rate us", "content_type": "input_csat"},
    "location": {
        "content_type": "location",
        "content_attributes": {
            "latitude": 52.52,
            "longitude": 13.405,
            "name": "Office",
            "address": "Alexanderplatz 1, Berlin",
            "url": "https://maps.example.com/office",
        },
    },
    "contacts": {
        "content_type": "contacts",
        "content_attributes": {
            "contacts": [
                {
                    "name": "Ana",
                    "phones": ["+49 30 1234567"],
                    "emails": ["ana@example.com"],
                    "organization": "Acme",
                }
            ]
        },
    },
}

# Contacts may send these.
CONTACT_TYPES = ("location", "contacts")
QUESTIONS = ("input_select", "quick_reply", "form", "cards", "article", "input_email")


def _with(kind: str, /, **attributes) -> dict:
    body = VALID[kind]
    return {
        **body,
        "content_attributes": {**body.get("content_attributes", {}), **attributes},
    }


def _item(kind: str, index: int = 0, /, **fields) -> dict:
    body = VALID[kind]
    items = [dict(item) for item in body["content_attributes"]["items"]]
    items[index] = {**items[index], **fields}
    for key, value in fields.items():
        if value is None:
            del items[index][key]
    return _with(kind, items=items)


# (case id, body, the error path as the envelope's "error" starts).
INVALID = [
    (
        "select-missing-value",
        _item("input_select", value=None),
        "content_attributes.items.0.value",
    ),
    (
        "select-long-title",
        _item("input_select", title="t" * 81),
        "content_attributes.items.0.title",
    ),
    (
        "select-javascript-url",
        _item("input_select", url="javascript:alert(1)"),
        "content_attributes.items.0.url",
    ),
    ("select-no-items", _with("input_select", items=[]), "content_attributes.items"),
    (
        "select-eleven-items",
        _with("input_select", items=[{"title": "a", "value": "a"}] * 11),
        "content_attributes.items",
    ),
    (
        "quick-reply-four-items",
        _with("quick_reply", items=[{"title": "a", "value": "a"}] * 4),
        "content_attributes.items",
    ),
    (
        "select-unknown-key",
        _with("input_select", colour="red"),
        "content_attributes.colour",
    ),
    (
        "select-server-key",
        _with("input_select", answered=True),
        "content_attributes.answered",
    ),
    (
        "form-bad-name",
        _item("form", name="Full Name"),
        "content_attributes.items.0.name",
    ),
    (
        "form-bad-type",
        _item("form", type="password"),
        "content_attributes.items.0.type",
    ),
    (
        "form-select-without-options",
        _item("form", 7, options=None),
        "content_attributes.items.7.options",
    ),
    (
        "form-duplicate-name",
        _item("form", 1, name="full_name"),
        "content_attributes.items.1.name",
    ),
    (
        "cards-data-media",
        _item("cards", media_url="data:image/png;base64,AAAA"),
        "content_attributes.items.0.media_url",
    ),
    (
        "cards-link-javascript",
        _item(
            "cards",
            actions=[{"type": "link", "text": "Go", "uri": "javascript:alert(1)"}],
        ),
        "content_attributes.items.0.actions.0.uri",
    ),
    (
        "cards-postback-without-payload",
        _item("cards", actions=[{"type": "postback", "text": "Buy"}]),
        "content_attributes.items.0.actions.0.payload",
    ),
    (
        "cards-four-actions",
        _item(
            "cards",
            actions=[{"type": "postback", "text": "B", "payload": "p"}] * 4,
        ),
        "content_attributes.items.0.actions",
    ),
    (
        "article-ftp-link",
        _item("article", link="ftp://example.com/file"),
        "content_attributes.items.0.link",
    ),
    (
        "article-missing-title",
        _item("article", title=None),
        "content_attributes.items.0.title",
    ),
    (
        "input-email-with-attributes",
        _with("input_email", items=[]),
        "content_attributes.items",
    ),
    (
        "input-csat-server-key",
        _with("input_csat", submitted_values={"rating": 5}),
        "content_attributes.submitted_values",
    ),
    (
        "location-latitude-out-of-range",
        _with("location", latitude=91),
        "content_attributes.latitude",
    ),
    (
        "location-longitude-not-a-number",
        _with("location", longitude="east"),
        "content_attributes.longitude",
    ),
    (
        "location-javascript-url",
        _with("location", url="javascript:alert(1)"),
        "content_attributes.url",
    ),
    (
        "contacts-bad-email",
        _with("contacts", contacts=[{"name": "Ana", "emails": ["not-an-email"]}]),
        "content_attributes.contacts.0.emails.0",
    ),
    (
        "contacts-six-phones",
        _with("contacts", contacts=[{"name": "Ana", "phones": ["1"] * 6}]),
        "content_attributes.contacts.0.phones",
    ),
    ("contacts-none", _with("contacts", contacts=[]), "content_attributes.contacts"),
    (
        "text-reply-to-not-an-id",
        {"content": "hi", "content_attributes": {"in_reply_to": "abc"}},
        "content_attributes.in_reply_to",
    ),
    (
        "text-server-reply-quote",
        {"content": "hi", "content_attributes": {"reply_to": {"id": 1}}},
        "content_attributes.reply_to",
    ),
    (
        "reaction-without-target",
        {"content": "👍", "content_type": "reaction"},
        "content_attributes.in_reply_to",
    ),
    (
        "reaction-markup",
        {
            "content": "<img src=x onerror=alert(1)>",
            "content_type": "reaction",
            "content_attributes": {"in_reply_to": 1},
        },
        "content",
    ),
    (
        "reaction-words",
        {
            "content": "nice",
            "content_type": "reaction",
            "content_attributes": {"in_reply_to": 1},
        },
        "content",
    ),
]

# What contacts send that a contact API refuses (agents' questions included).
CONTACT_INVALID = [
    case
    for case in INVALID
    if case[1].get("content_type") in (None, "text", "reaction", *CONTACT_TYPES)
]
