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


def allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The networks an operator let previews reach although they are not public
    (``LINK_PREVIEW_ALLOWED_NETWORKS``; none by default)."""
    return [
        ipaddress.ip_network(network, strict=False)
        for network in settings.ONECHAT_LINK_PREVIEW_ALLOWED_NETWORKS
    ]


def check_address(address: IPAddress, port: int) -> None:
    """Refuse ``address``:``port`` unless the address is public and the port a
    web port, or the address lies in an allowed network."""
    if any(address in network for network in allowed_networks()):
        return
    if not is_public(address):
        raise RefusedAddress(f"{address} is not a public address")
    if port not in WEB_PORTS:
        raise RefusedAddress(f"port {port} is not a web port")


def resolve_public(host: str, port: int) -> str:
    """The address to connect to for ``host``:``port``, after checking every
    address the host resolves to (numeric forms such as ``2130706433`` or
    ``0x7f.1`` resolve like names do)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise RefusedAddress(f"cannot resolve {host}") from error
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in found]
    if not addresses:
        raise RefusedAddress(f"{host} has no address")
    for address in addresses:
        check_address(address, port)
    return str(addresses[0])
