"""The outbox: frames in order, a slow client dropped as too_slow, a closed
socket forgotten quietly."""

import asyncio
import json

from realtime import outbox as outbox_module
from realtime.outbox import Flow, Outbox


class Socket(Flow):
    """A client socket that takes frames only while ``reading``."""

    def __init__(self) -> None:
        self.reading = True
        self.frames: list[dict] = []
        self.readable = asyncio.Event()
        self.readable.set()

    def writable(self) -> bool:
        return self.reading

    async def wait_writable(self) -> None:
        await self.readable.wait()

    def stall(self, stalled: bool) -> None:
        self.reading = not stalled
        (self.readable.clear if stalled else self.readable.set)()

    async def send(self, message: dict) -> None:
        await self.readable.wait()
        self.frames.append(message)


def frame(number: int) -> dict:
    return {"type": "websocket.send", "text": json.dumps({"n": number})}


def test_frames_leave_in_order_across_a_stall():
    """Frames written while the socket is busy wait and leave in order."""

    async def scenario():
        socket = Socket()
        outbox = Outbox(socket.send, socket)
        await outbox.write(frame(0))
        socket.stall(True)
        for number in range(1, 5):
            await outbox.write(frame(number))
        socket.stall(False)
        await outbox.write(frame(5))
        await outbox.put(frame(6))
        return socket.frames

    frames = asyncio.run(scenario())
    assert [json.loads(f["text"])["n"] for f in frames] == list(range(7))


def test_overflow_disconnects_as_too_slow(settings, monkeypatch):
    """Past the frame limit the backlog is dropped, the hub told, and the
    client gets disconnect too_slow (reconnect true) once it reads again,
    then the close."""
    settings.ONECHAT_CABLE_OUTBOX_FRAMES = 3
    monkeypatch.setattr(outbox_module, "GOODBYE_SECONDS", 0.2)

    async def scenario():
        socket = Socket()
        outbox = Outbox(socket.send, socket)
        closed = []
        outbox.on_close = lambda: closed.append(True)
        socket.stall(True)
        for number in range(5):
            await outbox.write(frame(number))
        socket.stall(False)
        await asyncio.wait_for(outbox.writer, 2)
        return socket.frames, closed, outbox.closed

    frames, closed, is_closed = asyncio.run(scenario())
    assert closed == [True]
    assert is_closed is True
    assert [json.loads(f["text"]) for f in frames[:-1]] == [
        {"type": "disconnect", "reason": "too_slow", "reconnect": True}
    ]
    assert frames[-1] == {"type": "websocket.close"}


def test_a_send_that_fails_closes_the_outbox_quietly():
    """A socket gone mid-write (uvicorn raises) closes the outbox; later
    writes are dropped without an error."""

    async def broken(message):
        raise OSError("client disconnected")

    async def scenario():
        outbox = Outbox(broken)
        closed = []
        outbox.on_close = lambda: closed.append(True)
        await outbox.write(frame(0))
        await outbox.write(frame(1))
        return closed, outbox.closed

    assert asyncio.run(scenario()) == ([True], True)
