"""The address checks: only public unicast addresses on web ports, whatever
form the host is written in; allowed networks only as configured."""

import ipaddress
import socket

import pytest

from linkpreviews.addresses import (
    RefusedAddress,
    check_address,
    is_public,
    networks,
    resolve_public,
)

INSIDE = [
    "127.0.0.1",
    "127.255.255.254",
    "10.0.0.1",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "100.64.0.1",  # CGNAT
    "100.127.255.254",
    "169.254.169.254",  # cloud metadata
    "169.254.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "239.255.255.250",
    "233.252.0.1",
    "255.255.255.255",
    "192.0.0.1",
    "198.18.0.1",
    "240.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",
    "ff02::1",
    "ff0e::1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::ffff:100.64.0.1",
    "::127.0.0.1",  # IPv4-compatible
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "2001:db8::1",  # documentation
]
PUBLIC = ["8.8.8.8", "93.184.215.14", "1.1.1.1", "2606:4700::1111", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", INSIDE)
def test_inside_addresses_are_not_public(address):
    """Loopback, private, CGNAT, link-local, multicast, unspecified, reserved
    and IPv6 forms carrying them are refused."""
    assert is_public(ipaddress.ip_address(address)) is False


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address)) is True


@pytest.mark.parametrize(
    "host",
    [
        "localhost",
        "127.0.0.1",
        "127.1",  # short form
        "2130706433",  # decimal
        "0x7f000001",  # hexadecimal
        "0x7f.1",
        "0177.0.0.1",  # octal
        "017700000001",
        "0",
        "0xa9.0xfe.0xa9.0xfe",  # 169.254.169.254 in hex
        "::1",
        "::ffff:127.0.0.1",
        "::ffff:7f00:1",
        "10.1",
    ],
)
def test_every_spelling_of_an_inside_host_is_refused(host):
    """Hosts are judged by the addresses they resolve to, so numeric spellings
    of loopback and metadata addresses are refused like their dotted forms."""
    with pytest.raises(RefusedAddress):
        resolve_public(host, 80)


def test_public_address_only_on_web_ports():
    assert resolve_public("8.8.8.8", 443) == "8.8.8.8"
    assert resolve_public("8.8.8.8", 80) == "8.8.8.8"
    for port in (22, 25, 6379, 8080):
        with pytest.raises(RefusedAddress):
            resolve_public("8.8.8.8", port)


def test_one_inside_address_refuses_the_name(monkeypatch):
    """A name resolving to a public and a private address is refused (and the
    address connected to is the one vetted)."""

    def getaddrinfo(host, port, *args, **kwargs):
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("10.0.0.7", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    with pytest.raises(RefusedAddress):
        resolve_public("mixed.example", 443)


def test_unresolvable_host_is_refused():
    with pytest.raises(RefusedAddress):
        resolve_public("no-such-host.invalid", 80)


def test_allowed_networks_open_only_what_they_name(settings):
    """An allowed network admits its addresses on any port; its neighbours and
    the IPv6 loopback stay refused."""
    settings.ONECHAT_LINK_PREVIEW_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    assert resolve_public("127.0.0.1", 8123) == "127.0.0.1"
    assert resolve_public("2130706433", 8123) == "127.0.0.1"
    for host in ("127.0.0.2", "::1", "169.254.169.254", "10.0.0.1"):
        with pytest.raises(RefusedAddress):
            resolve_public(host, 80)


def test_the_allowed_networks_and_ports_can_be_given():
    """Webhooks pass their own allowed networks and take any port."""
    loopback = ipaddress.ip_address("127.0.0.1")
    with pytest.raises(RefusedAddress):
        check_address(loopback, 8080, allowed=[], ports=None)
    check_address(loopback, 8080, allowed=networks(["127.0.0.0/8"]), ports=None)
    public = ipaddress.ip_address("93.184.215.14")
    check_address(public, 8443, allowed=[], ports=None)
    with pytest.raises(RefusedAddress):
        check_address(public, 8443, allowed=[])
