"""The ICE servers a call's payload carries: STUN from the settings, TURN
with coturn's short-lived shared-secret credentials or static ones."""

from calls import ice

# openssl: printf '%s' "1700003600:onechat-call-42" \
#   | openssl dgst -sha1 -hmac north -binary | base64
KNOWN = "uIqIWKnS6lel555MTex2CMrj3zI="


def test_turn_credentials_match_coturns_rest_api_scheme():
    """username is "<expiry>:onechat-call-<id>", credential base64(HMAC-SHA1)."""
    assert ice.turn_credentials(secret="north", call_id=42, expires_at=1700003600) == {
        "username": "1700003600:onechat-call-42",
        "credential": KNOWN,
    }


def test_shared_secret_credentials_expire_after_the_ttl(settings):
    """With a secret, the call's TURN entry lives ONECHAT_TURN_TTL_SECONDS."""
    settings.ONECHAT_STUN_URLS = ["stun:stun.example.org:3478"]
    settings.ONECHAT_TURN_URLS = ["turn:turn.example.org:3478?transport=udp"]
    settings.ONECHAT_TURN_SECRET = "north"
    settings.ONECHAT_TURN_TTL_SECONDS = 3600
    assert ice.ice_servers(call_id=42, now=1700000000) == [
        {"urls": ["stun:stun.example.org:3478"]},
        {
            "urls": ["turn:turn.example.org:3478?transport=udp"],
            "username": "1700003600:onechat-call-42",
            "credential": KNOWN,
        },
    ]


def test_static_turn_credentials_and_none_at_all(settings):
    """Without a secret the static username and password are given; with no
    STUN and no TURN the list is empty (a LAN)."""
    settings.ONECHAT_STUN_URLS = []
    settings.ONECHAT_TURN_URLS = ["turns:turn.example.org:5349"]
    settings.ONECHAT_TURN_SECRET = ""
    settings.ONECHAT_TURN_USERNAME = "onechat"
    settings.ONECHAT_TURN_PASSWORD = "s3cret"
    assert ice.ice_servers(call_id=1) == [
        {
            "urls": ["turns:turn.example.org:5349"],
            "username": "onechat",
            "credential": "s3cret",
        }
    ]
    settings.ONECHAT_TURN_URLS = []
    assert ice.ice_servers(call_id=1) == []
