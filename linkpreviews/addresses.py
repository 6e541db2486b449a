"""Which addresses the server may fetch a link preview from: public ones only.

The host is resolved here, once, and the connection goes to the address vetted
here (``fetch.py``), so a name cannot resolve to a public address for the check
and to an inside one for the request (DNS rebinding). Every address a name
resolves to must pass: one inside address refuses the host.
"""

import ipaddress
import socket

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# Ports a public address is fetched on; an allowed network's hosts on any.
WEB_PORTS = frozenset({80, 443})


class RefusedAddress(Exception):
    """A host or port the server must not connect to."""


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` is a public unicast address: not loopback, private
    (RFC 1918, CGNAT 100.64/10, IPv6 ULA), link-local (169.254/16 with the cloud
    metadata address, fe80::/10), multicast, unspecified or reserved, nor an
    IPv6 form that carries such an IPv4 address (mapped, 6to4)."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public(address.ipv4_mapped)
        if address.sixtofour is not None and not is_public(address.sixtofour):
            return False
        if address.is_site_local:
            return False
    return address.is_global and not (address.is_multicast or address.is_reserved)


def networks(cidrs: list[str]) -> list[Network]:
    """``cidrs`` (an operator's setting) as networks."""
    return [ipaddress.ip_network(network, strict=False) for network in cidrs]


def allowed_networks() -> list[Network]:
    """The networks an operator let previews reach although they are not public
    (``LINK_PREVIEW_ALLOWED_NETWORKS``; none by default)."""
    return networks(settings.ONECHAT_LINK_PREVIEW_ALLOWED_NETWORKS)


def check_address(
    address: IPAddress,
    port: int,
    *,
    allowed: list[Network] | None = None,
    ports: frozenset[int] | None = WEB_PORTS,
) -> None:
    """Refuse ``address``:``port`` unless the address is public and the port
    one of ``ports`` (None: any), or the address lies in an ``allowed``
    network (None: the link previews' allowed networks)."""
    allowed = allowed_networks() if allowed is None else allowed
    if any(address in network for network in allowed):
        return
    if not is_public(address):
        raise RefusedAddress(f"{address} is not a public address")
    if ports is not None and port not in ports:
        raise RefusedAddress(f"port {port} is not a web port")


def resolve_public(
    host: str,
    port: int,
    *,
    allowed: list[Network] | None = None,
    ports: frozenset[int] | None = WEB_PORTS,
) -> str:
    """The address to connect to for ``host``:``port``, after checking every
    address the host resolves to (numeric forms such as ``2130706433`` or
    ``0x7f.1`` resolve like names do); ``allowed`` and ``ports`` as for
    ``check_address``."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RefusedAddress(f"cannot resolve {host}") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not addresses:
        raise RefusedAddress(f"{host} has no address")
    for address in addresses:
        check_address(address, port, allowed=allowed, ports=ports)
    return str(addresses[0])
