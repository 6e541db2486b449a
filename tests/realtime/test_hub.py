"""The hub: heartbeats spread over the interval, connections and their
subscriptions forgotten together."""

import asyncio

from realtime.hub import PING_SLICES, Hub, Subscription
from realtime.streams import Subscriber


def test_heartbeat_pings_each_connection_once_per_interval_a_slice_at_a_time(
    settings,
):
    """Over one interval every connection gets exactly one ping, and no single
    tick writes to more than its slice of the connections."""
    settings.ONECHAT_CABLE_PING_SECONDS = 0.5
    connections = 10 * PING_SLICES
    tick = settings.ONECHAT_CABLE_PING_SECONDS / PING_SLICES

    async def scenario():
        hub = Hub(asyncio.get_running_loop())
        pings: dict[int, list[float]] = {number: [] for number in range(connections)}
        loop = asyncio.get_running_loop()

        def recorder(number):
            async def send(message):
                assert '"type":"ping"' in message["text"].replace(" ", "")
                pings[number].append(loop.time())

            return send

        start = loop.time()
        for number in range(connections):
            hub.connect(object(), recorder(number), {})
        await asyncio.sleep(settings.ONECHAT_CABLE_PING_SECONDS + tick / 2)
        hub._heartbeat.cancel()
        return start, pings

    start, pings = asyncio.run(scenario())
    assert all(len(times) == 1 for times in pings.values())
    per_tick: dict[int, int] = {}
    for (moment,) in pings.values():
        index = round((moment - start) / tick)
        per_tick[index] = per_tick.get(index, 0) + 1
    assert len(per_tick) == PING_SLICES
    assert max(per_tick.values()) == connections // PING_SLICES


def test_disconnect_unlinks_the_connections_subscriptions():
    """When a connection goes, every subscription in its map stops following
    its streams, a stream nobody follows is forgotten, and the connection can
    subscribe no more."""

    async def send(message):
        pass

    async def scenario():
        hub = Hub(asyncio.get_running_loop())
        connection, subscriptions = object(), {}
        hub.connect(connection, send, subscriptions)
        subscriber = Subscriber(account_id=1, streams=("token", "account_1"))
        subscription = Subscription(
            connection=connection,
            send=send,
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
