"""OneChat settings, read from the environment.

With nothing configured OneChat runs embedded: SQLite and the in-process event
feed. ``DATABASE_URL`` switches to PostgreSQL, ``REDIS_URL`` to Redis fan-out
across server processes. Every variable read here is documented in
``.env.example``.
"""

import os
import tempfile
import warnings
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DEBUG", default=True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "onechat-development-only-secret-key"

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if not DEBUG else "*"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "api.views.csrf_failure"
FRONTEND_URL = os.environ.get("FRONTEND_URL", "http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    # Timed work (snooze wake-ups, queue timeouts): Django's Tasks API with jobs
    # kept in the database, run by `manage.py db_worker`.
    "django_tasks",
    "django_tasks_db",
    # Lowest first: an app imports only the apps listed above it
    # (tests/test_layout.py holds the map).
    "common",
    "accounts",
    "agentbots",
    "contacts",
    "conversations",
    "filters",
    "routing",
    "linkpreviews",
    "cannedresponses",
    "collaboration",
    "agentchat",
    "notifications",
    "webhooks",
    "reports",
    "automation",
    "audit",
    "privacy",
    "calls",
    "realtime",
    "csat",
    "continuity",
    "api",
    "widget",
    "dashboard",
    "onechat",
]

# WhiteNoise comes last on purpose. It only runs synchronously, so under ASGI
# Django runs every middleware listed before it synchronously too, and the
# whole chain costs one hop to a worker thread per request. With WhiteNoise
# near the top, the others ran in async mode, where each process_request and
# process_response hook is a hop of its own: 16 thread hops per request
# instead of 6.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who acts in this request, for the audit log.
    "audit.middleware.AuditContextMiddleware",
    "api.middleware.ReadersLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Last: a request with an agent bot's token goes to the bot's routes.
    "agentbots.api.middleware.AgentBotRoutesMiddleware",
]

ROOT_URLCONF = "onechat.urls"
ASGI_APPLICATION = "onechat.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while a writer commits; the busy timeout makes
    # concurrent writers wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    # A file, not memory, so tests can share it with threads and server processes.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get(
            "SQLITE_TEST_PATH",
            str(Path(tempfile.gettempdir()) / f"onechat-test-{os.getpid()}.sqlite3"),
        )
    }
elif (
    env_bool("DATABASE_POOL", default=True) and not DATABASES["default"]["CONN_MAX_AGE"]
):
    # Under ASGI each request does its database work in a thread of its own, so
    # a persistent per-thread connection is never reused: without a pool every
    # request would open a new PostgreSQL connection.
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "2")),
        "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "10")),
        # Seconds a request waits for a connection: when PostgreSQL is down,
        # requests and /health fail within the container health check's 5 s.
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "3")),
    }

# Jobs are rows of the database: they survive restarts, need no extra service,
# and a worker claims each with a row lock (SKIP LOCKED on PostgreSQL), so each
# runs once however many workers there are.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.sign_in.LockoutModelBackend"]
LOGIN_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# /cable fans out through realtime/fanout.py: each event is appended once to a
# Redis stream that one reader per process delivers to its local sockets.
REDIS_URL = os.environ.get("REDIS_URL", "")

# Rate limits (sign-in lock-outs, public contact creation) count in this cache:
# Redis when configured, so every server process shares the counts.
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("REDIS_PREFIX", "onechat"),
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Failed sign-ins (dashboard and /admin/) before an email, or an address,
# is locked out, and for how long.
ONECHAT_SIGN_IN_FAILURES_PER_EMAIL = int(
    os.environ.get("SIGN_IN_FAILURES_PER_EMAIL", "5")
)
ONECHAT_SIGN_IN_FAILURES_PER_ADDRESS = int(
    os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", "20")
)
ONECHAT_SIGN_IN_LOCKOUT_SECONDS = int(os.environ.get("SIGN_IN_LOCKOUT_SECONDS", "900"))
# Contacts the public client API and the widget open for new visitors, per
# client address and per inbox ("<count>/<second|minute|hour|day>").
ONECHAT_PUBLIC_CONTACT_RATES = {
    "address": os.environ.get("PUBLIC_CONTACTS_PER_ADDRESS", "100/hour"),
    "inbox": os.environ.get("PUBLIC_CONTACTS_PER_INBOX", "3000/hour"),
}
# Widget events (each opening of the widget: webhook and bot deliveries), per
# visitor session and per inbox.
ONECHAT_WIDGET_EVENT_RATES = {
    "session": os.environ.get("WIDGET_EVENTS_PER_SESSION", "60/hour"),
    "inbox": os.environ.get("WIDGET_EVENTS_PER_INBOX", "6000/hour"),
}

LANGUAGE_CODE = "en"
# The languages of the dashboard's pages and the widget (each has a catalogue
# under onechat/locale/, the widget scripts' under widget/locale/).
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pt-br", "Português (Brasil)"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("ar", "العربية"),
]
# One catalogue for the server's words: python3 manage.py makemessages --all
# --ignore "tests/*" --ignore "bench/*" --ignore "*/node_modules/*", then
# compilemessages (the .mo files are committed).
LOCALE_PATHS = [BASE_DIR / "onechat" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEBUG:
    # In development WhiteNoise serves from the apps' static directories; the
    # collected STATIC_ROOT need not exist.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# Limits on what a user may send; larger input is refused with a 4xx.
MAX_ATTACHMENT_BYTES = int(
    os.environ.get("MAX_ATTACHMENT_BYTES", str(10 * 1024 * 1024))
)
DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    os.environ.get("MAX_REQUEST_BYTES", str(2 * 1024 * 1024))
)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
MAX_MESSAGE_LENGTH = 150_000
# Arrays and objects nested deeper than this in a request are refused (400).
ONECHAT_MAX_JSON_DEPTH = 32

# Presence windows and the cable heartbeat, in seconds.
ONECHAT_USER_PRESENCE_SECONDS = 20
ONECHAT_CONTACT_PRESENCE_SECONDS = 90
# A visitor whose page stays hidden or closed this long has left it: agents
# are told then, so a reload or a quick look at another tab tells nobody.
ONECHAT_VISITOR_AWAY_SECONDS = int(os.environ.get("VISITOR_AWAY_SECONDS", "5"))
ONECHAT_CABLE_PING_SECONDS = 3
# An agent (with auto_offline on) whose last dashboard socket closed this long
# ago is set offline, so routing stops sending them visitors; 0 turns it off.
ONECHAT_AUTO_OFFLINE_SECONDS = int(os.environ.get("AUTO_OFFLINE_SECONDS", "300"))
ONECHAT_CABLE_MAX_FRAME_BYTES = 64 * 1024
# Limits on one client of /cable (README.md, "Limits"), 0 turning each off.
# More subscribes on one connection than this is a flood: disconnected.
ONECHAT_CABLE_MAX_SUBSCRIPTIONS = int(os.environ.get("CABLE_MAX_SUBSCRIPTIONS", "32"))
# More frames from one connection within a second: disconnected.
ONECHAT_CABLE_MAX_FRAMES_PER_SECOND = int(
    os.environ.get("CABLE_MAX_FRAMES_PER_SECOND", "50")
)
# Open connections one client address may hold on one server process. Off by
# default: behind a proxy without forwarded addresses, every client shares one.
ONECHAT_CABLE_MAX_CONNECTIONS_PER_ADDRESS = int(
    os.environ.get("CABLE_MAX_CONNECTIONS_PER_ADDRESS", "0")
)
# What may wait to be written to one connection whose client reads too slowly,
# in frames and bytes; more and the client is disconnected as too_slow. The
# bytes hold the largest event one message can make (150,000 characters,
# each escaped in up to 6 bytes).
ONECHAT_CABLE_OUTBOX_FRAMES = int(os.environ.get("CABLE_OUTBOX_FRAMES", "1000"))
ONECHAT_CABLE_OUTBOX_BYTES = int(os.environ.get("CABLE_OUTBOX_BYTES", str(1024 * 1024)))
# Recent events kept for catch-up (per installation, not per stream).
ONECHAT_CABLE_REPLAY_EVENTS = int(os.environ.get("CABLE_REPLAY_EVENTS", "10000"))
# Events a process holds while Redis is unreachable, published when it is back.
ONECHAT_CABLE_PENDING_EVENTS = int(os.environ.get("CABLE_PENDING_EVENTS", "10000"))
# Prefix of OneChat's Redis keys, so installations (and test runs) can share one.
ONECHAT_REDIS_PREFIX = os.environ.get("REDIS_PREFIX", "onechat")
# The widget asks for the visitor's email when no agent answered in this time.
ONECHAT_EMAIL_COLLECT_DELAY_SECONDS = int(
    os.environ.get("EMAIL_COLLECT_DELAY_SECONDS", "60")
)
# Notification emails wait this long after the first, to go as one digest.
ONECHAT_NOTIFICATION_EMAIL_DELAY_SECONDS = int(
    os.environ.get("NOTIFICATION_EMAIL_DELAY_SECONDS", "300")
)
# Build and encode every event's payload when it is published, raising a
# failure there (the tests turn it on); otherwise a failure is logged by the
# event's name and the other events go out.
ONECHAT_EVENTS_CHECK_AT_PUBLISH = False

# Link previews: the job worker fetches the first link of a message (public
# addresses only) and adds its title and description to the message.
ONECHAT_LINK_PREVIEWS_ENABLED = env_bool("LINK_PREVIEWS_ENABLED", default=True)
# Networks previews may reach although they are not public (CIDR, comma-separated;
# none by default): an intranet wiki, or the tests' local pages.
ONECHAT_LINK_PREVIEW_ALLOWED_NETWORKS = env_list("LINK_PREVIEW_ALLOWED_NETWORKS")

# Webhooks and agent bots: events sent by the job worker to outside URLs
# (public addresses only, unless an allowed network names them).
ONECHAT_WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS")
# Seconds a receiver has to answer one delivery.
ONECHAT_WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "5"))
# Retries wait base * 2**(attempt - 1) seconds, at most the ceiling, and
# stop once a delivery is older than the retry window (then it failed).
ONECHAT_WEBHOOK_BACKOFF_BASE_SECONDS = float(
    os.environ.get("WEBHOOK_BACKOFF_BASE_SECONDS", "30")
)
ONECHAT_WEBHOOK_BACKOFF_MAX_SECONDS = float(
    os.environ.get("WEBHOOK_BACKOFF_MAX_SECONDS", "3600")
)
ONECHAT_WEBHOOK_RETRY_SECONDS = float(os.environ.get("WEBHOOK_RETRY_SECONDS", "86400"))
# A webhook failing for this long is disabled and its administrators told.
ONECHAT_WEBHOOK_DISABLE_AFTER_SECONDS = float(
    os.environ.get("WEBHOOK_DISABLE_AFTER_SECONDS", "86400")
)
# How long a worker holds a delivery it sends (a crashed worker's lapses).
ONECHAT_WEBHOOK_CLAIM_SECONDS = float(os.environ.get("WEBHOOK_CLAIM_SECONDS", "60"))
# Days delivered (and failed) deliveries stay in the log.
ONECHAT_WEBHOOK_LOG_DAYS = int(os.environ.get("WEBHOOK_LOG_DAYS", "7"))
# Days the audit log keeps an entry; the trimming job runs at most once per
# interval while entries are written.
ONECHAT_AUDIT_LOG_DAYS = int(os.environ.get("AUDIT_LOG_DAYS", "365"))
ONECHAT_AUDIT_TRIM_INTERVAL_SECONDS = 3600
# Contact imports (CSV): the largest file in bytes and the most rows.
ONECHAT_CONTACT_IMPORT_MAX_BYTES = int(
    os.environ.get("CONTACT_IMPORT_MAX_BYTES", str(5 * 1024 * 1024))
)
ONECHAT_CONTACT_IMPORT_MAX_ROWS = int(
    os.environ.get("CONTACT_IMPORT_MAX_ROWS", "10000")
)
# Outgoing email (invitations). Development prints emails to the console; a
# production installation names its SMTP server.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# Where the file backend writes emails (django.core.mail.backends.filebased).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "OneChat <onechat@localhost>")
# Conversation continuity: agents' replies a visitor who left the widget has
# not read are emailed, this long after the first, all in one mail.
ONECHAT_CONTINUITY_EMAIL_DELAY_SECONDS = int(
    os.environ.get("CONTINUITY_EMAIL_DELAY_SECONDS", "120")
)
# The domain of the reply addresses (reply+<conversation>.<signature>@domain)
# whose mail reaches POST /email/inbound; empty: replies are not taken in.
ONECHAT_INBOUND_EMAIL_DOMAIN = os.environ.get("INBOUND_EMAIL_DOMAIN", "")
# The secret a mail service sends to POST /email/inbound (HTTP basic
# password, X-Inbound-Secret header or ?secret=); empty: the endpoint is off.
ONECHAT_INBOUND_EMAIL_SECRET = os.environ.get("INBOUND_EMAIL_SECRET", "")
# Conversation transcripts by email, per conversation and per account.
ONECHAT_TRANSCRIPT_EMAIL_RATES = {
    "conversation": os.environ.get("TRANSCRIPTS_PER_CONVERSATION", "5/hour"),
    "account": os.environ.get("TRANSCRIPTS_PER_ACCOUNT", "200/hour"),
}
# Days an invitation email's link works; inviting the same email again sends
# a new link.
ONECHAT_INVITATION_LINK_DAYS = int(os.environ.get("INVITATION_LINK_DAYS", "7"))
# Calls (calls/): a call nobody answers stops ringing after
# CALL_RING_SECONDS (a missed call); one whose connection was lost (or never
# came up after the answer) and is not back this long after ends.
ONECHAT_CALL_RING_SECONDS = int(os.environ.get("CALL_RING_SECONDS", "60"))
ONECHAT_CALL_RESUME_SECONDS = int(os.environ.get("CALL_RESUME_SECONDS", "60"))
# The ICE servers calls use: STUN (empty: none, for a LAN), TURN to relay
# media for visitors behind strict NATs, with coturn's shared secret
# (short-lived credentials per call) or a static username and password.
ONECHAT_STUN_URLS = env_list("STUN_URLS", default="stun:stun.l.google.com:19302")
ONECHAT_TURN_URLS = env_list("TURN_URLS")
ONECHAT_TURN_SECRET = os.environ.get("TURN_SECRET", "")
ONECHAT_TURN_TTL_SECONDS = int(os.environ.get("TURN_TTL_SECONDS", "3600"))
ONECHAT_TURN_USERNAME = os.environ.get("TURN_USERNAME", "")
ONECHAT_TURN_PASSWORD = os.environ.get("TURN_PASSWORD", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.AccessTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "EXCEPTION_HANDLER": "api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
if DEBUG:
    REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"].append(
        "rest_framework.renderers.BrowsableAPIRenderer"
    )

SPECTACULAR_SETTINGS = {
    "TITLE": "OneChat API",
    "DESCRIPTION": "Application API, profile and public client API of OneChat.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page loads Swagger UI from our own static files, so it works offline.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Tags by resource (conversations, contacts, ...); the public API as "public".
    "SCHEMA_PATH_PREFIX": r"/api/v1(/accounts/\{account_id\})?",
    # api.converters.IdConverter: ids of at most 18 digits.
    "PATH_CONVERTER_OVERRIDES": {
        "id": {"type": "integer", "minimum": 0, "maximum": 999_999_999_999_999_999},
        # A user's id, or a pending invitation's negated id.
        "agent_id": {
            "type": "integer",
            "minimum": -999_999_999_999_999_999,
            "maximum": 999_999_999_999_999_999,
        },
    },
    "ENUM_NAME_OVERRIDES": {
        "ConversationStatusEnum": "conversations.models.Conversation.Status",
        "MessageStatusEnum": "conversations.models.Message.Status",
        "MessageContentTypeEnum": "conversations.models.Message.ContentType",
        "ContactContentTypeEnum": "conversations.content.CONTACT_TYPES",
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", default=False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Opt-in: once browsers saw HSTS they refuse plain HTTP for that long, so it is
# switched on only when TLS is known to work for the host (and its subdomains).
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool(
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "onechat.logging.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": os.environ.get("LOG_FORMAT", "plain" if DEBUG else "json"),
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "daphne": {"level": os.environ.get("LOG_LEVEL", "INFO")},
        # uvicorn (the production server) gives its loggers a plain stderr
        # handler before Django starts: its lines go out as ours do instead.
        # Not "uvicorn" itself: that would switch its access log back on.
        "uvicorn.error": {
            "handlers": ["stdout"],
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "propagate": False,
        },
    },
}
