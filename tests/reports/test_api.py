"""The v2 reports API on a generated history (tests/reports/conftest.py):
figures computed by hand, in time zones and business hours, Chatwoot's
shapes; administrators only, another account's ids a 404, bad parameters a
JSON 400."""

import csv
import io

import pytest

from rest_framework.test import APIClient

from accounts.models import AccountUser
from tests import factories
from tests.reports.conftest import at, client_for
from widget.sessions import issue_session_token

pytestmark = pytest.mark.django_db

HOUR = 3600.0
MON, TUE, WED = (int(at(day, 0).timestamp()) for day in range(3))


@pytest.fixture
def base(account) -> str:
    return f"/api/v2/accounts/{account.pk}"


def get(client, url, **params):
    response = client.get(url, {"since": MON, "until": WED, **params})
    assert response.status_code == 200, response.content
    return response.json()


def test_summary_and_its_previous_period(history, as_admin, base):
    summary = get(as_admin, f"{base}/reports/summary")
    assert summary == {
        "conversations_count": 3,
        "incoming_messages_count": 4,
        "outgoing_messages_count": 4,
        # (2 h + 13.5 h) / 2
        "avg_first_response_time": 7.75 * HOUR,
        # (4 h + 1 h after the reopening + 15 h) / 3
        "avg_resolution_time": 20 / 3 * HOUR,
        # (2 h + 30 min + 15 min + 13.5 h) / 4
        "reply_time": 14625.0,
        "avg_queue_wait_time": 1200.0,
        "resolutions_count": 3,
        "reopens_count": 1,
        "handoffs_count": 1,
        "previous": {
            "conversations_count": 0,
            "incoming_messages_count": 0,
            "outgoing_messages_count": 0,
            "avg_first_response_time": 0.0,
            "avg_resolution_time": 0.0,
            "reply_time": 0.0,
            "avg_queue_wait_time": 0.0,
            "resolutions_count": 0,
            "reopens_count": 0,
            "handoffs_count": 0,
        },
    }
    inside = get(as_admin, f"{base}/reports/summary", business_hours="true")
    # First responses 1 h and 30 min; resolutions 3 h, 1 h, 2 h.
    assert inside["avg_first_response_time"] == 0.75 * HOUR
    assert inside["avg_resolution_time"] == 2 * HOUR


def test_summary_of_one_inbox_agent_and_label(history, as_admin, base):
    url = f"{base}/reports/summary"
    inbox = get(as_admin, url, type="inbox", id=history.second.pk)
    assert inbox["conversations_count"] == 2 and inbox["resolutions_count"] == 1
    ben = get(as_admin, url, type="agent", id=history.ben.pk)
    assert ben["conversations_count"] == 2
    assert ben["avg_first_response_time"] == 13.5 * HOUR
    assert ben["outgoing_messages_count"] == 1 and ben["incoming_messages_count"] == 1
    vip = get(as_admin, url, type="label", id=history.vip.pk)
    assert vip["conversations_count"] == 1 and vip["resolutions_count"] == 1
    assert vip["avg_resolution_time"] == 15 * HOUR


def test_timeseries_by_day_in_utc_and_in_tokyo(history, as_admin, base):
    url = f"{base}/reports"
    assert get(as_admin, url, metric="conversations_count") == [
        {"value": 3, "timestamp": MON},
        {"value": 0, "timestamp": TUE},
    ]
    # In Tokyo (UTC+9) B, created Mon 20:00 UTC, falls on Tuesday; the
    # range reaches into Wednesday there.
    tokyo = get(as_admin, url, metric="conversations_count", timezone_offset=9)
    assert [point["value"] for point in tokyo] == [2, 1, 0]
    assert tokyo[0]["timestamp"] == MON - 9 * 3600
    # The account's own time zone gives the same buckets.
    history.a.account.custom_attributes = {"timezone": "Asia/Tokyo"}
    history.a.account.save()
    assert get(as_admin, url, metric="conversations_count") == tokyo
    assert get(as_admin, url, metric="resolutions_count", timezone_offset=0) == [
        {"value": 1, "timestamp": MON},
        {"value": 2, "timestamp": TUE},
    ]


def test_timeseries_of_averages_carry_their_count(history, as_admin, base):
    points = get(
        as_admin,
        f"{base}/reports",
        metric="avg_first_response_time",
        business_hours="true",
        timezone_offset=0,
    )
    assert points == [
        {"value": HOUR, "timestamp": MON, "count": 1},
        {"value": 0.5 * HOUR, "timestamp": TUE, "count": 1},
    ]
    weekly = get(
        as_admin,
        f"{base}/reports",
        metric="reply_time",
        group_by="week",
        timezone_offset=0,
    )
    assert weekly == [{"value": 14625.0, "timestamp": MON, "count": 4}]
    monthly = get(as_admin, f"{base}/reports", group_by="month", timezone_offset=0)
    assert monthly == [{"value": 3, "timestamp": int(at(-1, 0).timestamp())}]


def test_summary_reports_per_agent_and_their_csv(history, as_admin, base):
    rows = get(as_admin, f"{base}/summary_reports/agent")
    ana = next(row for row in rows if row["id"] == history.ana.pk)
    assert ana == {
        "id": history.ana.pk,
        "name": "Ana",
        "conversations_count": 1,
        "resolved_conversations_count": 2,
        "avg_resolution_time": 2.5 * HOUR,
        "avg_first_response_time": 2 * HOUR,
        "avg_reply_time": 3300.0,
    }
    teams = get(as_admin, f"{base}/summary_reports/team")
    assert teams == []
    labels = get(as_admin, f"{base}/summary_reports/label")
    assert [(row["name"], row["conversations_count"]) for row in labels] == [("vip", 1)]
    download = as_admin.get(f"{base}/reports/agents", {"since": MON, "until": WED})
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/csv")
    assert "attachment" in download["Content-Disposition"]
    table = list(csv.reader(io.StringIO(download.content.decode())))
    assert table[0][0] == "Name"
    assert ["Ana", "1", "2", "2.00", "2.50", "0.92"] in table


def test_a_csv_cell_never_runs_as_a_formula(history, as_admin, base, account):
    factories.InboxFactory(account=account, name='=HYPERLINK("http://x")')
    download = as_admin.get(f"{base}/reports/inboxes")
    assert "'=HYPERLINK" in download.content.decode()


def test_live_view_now(history, as_admin, base, account):
    AccountUser.objects.filter(user=history.ana).update(
        auto_offline=False, availability="busy"
    )
    live = as_admin.get(f"{base}/reports/conversations").json()
    # Only C is open: Ben's, never answered.
    assert live == {
        "open": 1,
        "unattended": 1,
        "unassigned": 0,
        "pending": 0,
        "waiting": 0,
        "agents": {"online": 0, "busy": 1, "offline": 2},
    }
    agents = as_admin.get(f"{base}/reports/conversations/").json()
    ben = next(row for row in agents if row["id"] == history.ben.pk)
    assert ben["metric"] == {"open": 1, "unattended": 1}
    assert ben["availability"] == "offline"
    assert set(ben) == {"id", "name", "email", "thumbnail", "availability", "metric"}


### Hostile


@pytest.mark.parametrize(
    "path",
    [
        "reports",
        "reports/summary",
        "reports/conversations",
        "summary_reports/agent",
        "reports/agents",
    ],
)
def test_agents_get_403(as_agent, base, path):
    response = as_agent.get(f"{base}/{path}")
    assert response.status_code == 403
    assert response.json()["error"]


def test_another_accounts_ids_are_404(history, as_admin, base):
    stranger = factories.InboxFactory()
    other_user = factories.UserFactory()
    factories.AccountUserFactory(account=stranger.account, user=other_user)
    for kind, member in (("inbox", stranger.pk), ("agent", other_user.pk)):
        response = as_admin.get(f"{base}/reports/summary", {"type": kind, "id": member})
        assert response.status_code == 404 and response.json()["error"]
    elsewhere = as_admin.get(f"/api/v2/accounts/{stranger.account_id}/reports/summary")
    assert elsewhere.status_code == 404 and elsewhere.json()["error"]
    outsider = client_for(other_user)
    assert outsider.get(f"{base}/reports/conversations").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"metric": "nope"},
        {"group_by": "year"},
        {"type": "inbox"},
        {"type": "planet", "id": 1},
        {"since": WED, "until": MON},
        {"since": 0, "until": WED},
        {"until": 10**15},
        {"timezone_offset": 99},
        {"id": "x", "type": "agent"},
    ],
)
def test_bad_parameters_are_a_json_400(as_admin, base, params):
    response = as_admin.get(f"{base}/reports", params)
    assert response.status_code == 400, response.content
    assert response.json()["error"]


def test_unknown_report_kinds_are_a_json_404(as_admin, base):
    for path in ("summary_reports/planet", "reports/planets"):
        response = as_admin.get(f"{base}/{path}")
        assert response.status_code == 404 and response.json()["error"]


def test_no_token_no_report(base):
    assert APIClient().get(f"{base}/reports").status_code == 401


def test_a_contacts_session_token_reaches_no_report(history, base):
    """A visitor's widget session token (header or as an access token) is no
    agent's: 401."""
    token = issue_session_token(history.a.contact_inbox)
    for headers in ({"X-Widget-Session": token}, {"api_access_token": token}):
        response = APIClient().get(f"{base}/reports/summary", headers=headers)
        assert response.status_code == 401 and response.json()["error"]


@pytest.mark.parametrize("zone", ["Mars/Olympus", "../../etc/passwd", 42])
def test_an_unknown_account_time_zone_counts_in_utc(history, as_admin, base, zone):
    history.a.account.custom_attributes = {"timezone": zone}
    history.a.account.save()
    points = get(as_admin, f"{base}/reports", metric="conversations_count")
    assert points == [
        {"value": 3, "timestamp": MON},
        {"value": 0, "timestamp": TUE},
    ]


def test_reporting_events_of_the_account_filtered_and_paged(history, as_admin, account):
    url = f"/api/v1/accounts/{account.pk}/reporting_events"
    body = as_admin.get(url).json()
    names = [event["name"] for event in body["payload"]]
    assert body["meta"] == {"count": len(names), "current_page": 1, "total_pages": 1}
    assert names.count("first_response") == 2
    assert names.count("conversation_resolved") == 3
    first = as_admin.get(url, {"name": "first_response", "user_id": history.ben.pk})
    [ben] = first.json()["payload"]
    assert ben["value"] == 13.5 * HOUR
    assert ben["conversation_id"] == history.b.display_id
    assert ben["account_id"] == account.pk and ben["user_id"] == history.ben.pk
    on_tuesday = as_admin.get(
        url, {"since": TUE, "until": WED, "inbox_id": history.second.pk}
    )
    assert {e["conversation_id"] for e in on_tuesday.json()["payload"]} <= {
        history.b.display_id,
        history.c.display_id,
    }
    assert as_admin.get(url, {"page": 9}).json()["payload"] == []
    assert as_admin.get(url, {"name": "nope"}).status_code == 400


def test_reporting_events_of_a_conversation_oldest_first(history, as_admin, account):
    url = f"/api/v1/accounts/{account.pk}/conversations/{history.a.display_id}"
    events = as_admin.get(f"{url}/reporting_events").json()
    times = [event["created_at"] for event in events]
    assert times == sorted(times)
    assert [e["name"] for e in events].count("conversation_resolved") == 2
    assert "conversation_opened" in {e["name"] for e in events}


def test_reporting_events_are_the_accounts_own(history, as_admin, as_agent, account):
    assert (
        as_agent.get(f"/api/v1/accounts/{account.pk}/reporting_events").status_code
        == 403
    )
    stranger = factories.ConversationFactory()
    elsewhere = as_admin.get(f"/api/v1/accounts/{stranger.account_id}/reporting_events")
    assert elsewhere.status_code == 404 and elsewhere.json()["error"]
    foreign = as_admin.get(
        f"/api/v1/accounts/{account.pk}/conversations/{stranger.display_id + 1000}"
        "/reporting_events"
    )
    assert foreign.status_code == 404 and foreign.json()["error"]
