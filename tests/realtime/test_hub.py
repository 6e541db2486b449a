"""The hub: heartbeats spread over the interval, connections and their
subscriptions forgotten together."""

import asyncio
import itertools

from realtime.hub import PING_SLICES, Hub, Subscription
from realtime.outbox import Outbox
from realtime.streams import Subscriber


def test_heartbeat_pings_each_connection_once_per_interval_a_slice_at_a_time(
    settings,
):
    """Over one interval every connection gets exactly one ping, written in
    PING_SLICES bursts a tick apart, each to its slice of the connections."""
    settings.ONECHAT_CABLE_PING_SECONDS = 1.0
    connections = 10 * PING_SLICES
    tick = settings.ONECHAT_CABLE_PING_SECONDS / PING_SLICES

    async def scenario():
        loop = asyncio.get_running_loop()
        hub = Hub(loop)
        pings: dict[int, list[float]] = {number: [] for number in range(connections)}
        all_pinged = loop.create_future()

        def recorder(number):
            async def send(message):
                assert '"type":"ping"' in message["text"].replace(" ", "")
                pings[number].append(loop.time())
                if all(pings.values()) and not all_pinged.done():
                    all_pinged.set_result(None)

            return send

        for number in range(connections):
            hub.connect(object(), Outbox(recorder(number)), {})
        # Resumes once the last slice's burst is written, a tick before the
        # first slice's next ping.
        await asyncio.wait_for(all_pinged, timeout=10)
        hub._heartbeat.cancel()
        return pings

    pings = asyncio.run(scenario())
    assert all(len(times) == 1 for times in pings.values())
    # A burst is written without yielding to the loop; bursts are a tick apart.
    moments = sorted(times[0] for times in pings.values())
    bursts = [[moments[0]]]
    for earlier, later in itertools.pairwise(moments):
        if later - earlier > tick / 2:
            bursts.append([])
        bursts[-1].append(later)
    assert len(bursts) == PING_SLICES
    assert {len(burst) for burst in bursts} == {connections // PING_SLICES}


def test_disconnect_unlinks_the_connections_subscriptions():
    """When a connection goes, every subscription in its map stops following
    its streams, a stream nobody follows is forgotten, and the connection can
    subscribe no more."""

    async def send(message):
        pass

    async def scenario():
        hub = Hub(asyncio.get_running_loop())
        connection, subscriptions = object(), {}
        outbox = Outbox(send)
        hub.connect(connection, outbox, subscriptions)
        subscriber = Subscriber(account_id=1, streams=("token", "account_1"))
        subscription = Subscription(
            connection=connection,
            outbox=outbox,
            identifier='{"channel":"RoomChannel"}',
            subscriber=subscriber,
        )
        assert hub.subscribe(subscription) is True
        subscriptions[subscription.identifier] = subscription
        assert hub.followers(["account_1"]) == {subscription}
        hub.disconnect(connection)
        hub._heartbeat.cancel()
        return hub, hub.subscribe(subscription)

    hub, subscribed_again = asyncio.run(scenario())
    assert hub.streams == {}
    assert hub.connections == {}
    assert subscribed_again is False
