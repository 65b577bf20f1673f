# SPDX-License-Identifier: GPL-2.0
"""cases_mtu.py - path MTU: RFC 7915 4.2 and 5.2 "too big" figures, and the
translator's own answers when a packet does not fit (RFC 7915 section 6)."""
from scapy.all import IP, IPv6, UDP, ICMP, Raw, ICMPv6PacketTooBig
from harness import case, compare, Failure, C6, C6B, S4, S4B, POOL4, PORT_B, v6

ROUTER = "192.0.2.99"
PAY = Raw(b"m" * 64)


def frag_needed(b, mtu, src6=C6, sport=2080, dst4=S4, quoted_len=None):
    """Session src6#sport <-> dst4#9, then an IPv4 router says "fragmentation
    needed" with @mtu about it; returns (error, expected ICMPv6 minus MTU)."""
    b.send6(IPv6(src=src6, dst=v6(dst4)) / UDP(sport=sport, dport=9) / PAY)
    sent = b.expect4()
    p4 = sent[UDP].sport
    # The quoted UDP checksum is the one the 72-byte datagram really had.
    csum = IP(bytes(IP(src=POOL4, dst=dst4) / UDP(sport=p4, dport=9) / PAY))[UDP].chksum
    quoted = IP(src=POOL4, dst=dst4, ttl=63, id=sent[IP].id, flags="DF",
                len=quoted_len or 20 + 8 + len(PAY)) / UDP(sport=p4, dport=9, chksum=csum) / PAY
    err = IP(src=ROUTER, dst=POOL4, ttl=64, tos=0xc0) / ICMP(type=3, code=4, nexthopmtu=mtu) / quoted
    # The quoted checksum covers the datagram's real length, not the claimed one.
    exp_quoted = IPv6(bytes(IPv6(src=src6, dst=v6(dst4), hlim=63) / UDP(sport=sport, dport=9) / PAY))
    exp_quoted.plen = (quoted_len or 28 + len(PAY)) - 20
    return err, exp_quoted


def too_big6(mtu, exp_quoted):
    return IPv6(src=v6(ROUTER), dst=exp_quoted[IPv6].src, hlim=63, tc=0xc0) / \
        ICMPv6PacketTooBig(mtu=mtu) / exp_quoted


@case("rfc7915-4.2-frag-needed-mtu-plus-20", "4.2", "Fragmentation Needed with MTU 1400 becomes Packet Too Big with MTU 1420")
def _(b):
    err, q = frag_needed(b, 1400, sport=2080)
    b.xlat(err, too_big6(1420, q))


@case("rfc7915-4.2-frag-needed-never-below-1280", "4.2", "Fragmentation Needed with MTU 1000 becomes Packet Too Big with MTU 1280 (the IPv6 minimum)")
def _(b):
    err, q = frag_needed(b, 1000, sport=2081)
    b.xlat(err, too_big6(1280, q))


@case("rfc7915-4.2-frag-needed-mtu-0-default-plateaus", "4.2", "MTU 0 (pre-RFC 1191 router): the plateau below the quoted length 1500 is 1492, +20, capped by the 1500-byte IPv6 next hop")
def _(b):
    err, q = frag_needed(b, 0, sport=2082, quoted_len=1500)
    b.xlat(err, too_big6(1500, q))


@case("rfc7915-4.2-frag-needed-mtu-0-configured-plateaus", "4.2", "MTU 0 with mtu-plateaus 1450,1300,1000 and a quoted length of 1480: 1450 + 20")
def _(b):
    with b.globals(mtu_plateaus="1000,1450,1300"):
        got = b.jool("global", "display", "--csv", "--no-headers")
        if "mtu-plateaus,1450,1300,1000" not in got.replace('"', ""):
            raise Failure("plateaus not stored sorted: %s" % [l for l in got.splitlines() if "plateaus" in l])
        err, q = frag_needed(b, 0, sport=2083, quoted_len=1480)
        b.xlat(err, too_big6(1470, q))


@case("rfc7915-4.2-frag-needed-mtu-0-below-all-plateaus", "4.2", "MTU 0 and a quoted length below every plateau: no guess, the IPv6 minimum 1280")
def _(b):
    with b.globals(mtu_plateaus="1400,1300"):
        err, q = frag_needed(b, 0, sport=2084, quoted_len=1200)
        b.xlat(err, too_big6(1280, q))


@case("rfc7915-4.2-frag-needed-ipv6-next-hop", "4.2", "the IPv6 next hop's MTU (1400) caps the figure (router said 1450)")
def _(b):
    err, q = frag_needed(b, 1450, src6=C6B, sport=PORT_B)
    b.xlat(err, too_big6(1400, q))


@case("rfc7915-4.2-frag-needed-ipv4-next-hop", "4.2", "the IPv4 next hop's MTU (1400) + 20 caps the figure (router said 1450)")
def _(b):
    err, q = frag_needed(b, 1450, sport=2085, dst4=S4B)
    b.xlat(err, too_big6(1420, q))


def packet_too_big(b, mtu, src6=C6, sport=2086, dst4=S4):
    b.send6(IPv6(src=src6, dst=v6(dst4)) / UDP(sport=sport, dport=9) / PAY)
    sent = b.expect4()
    p4 = sent[UDP].sport
    quoted = IPv6(src=v6(dst4), dst=src6, hlim=63) / UDP(sport=9, dport=sport) / PAY
    err = IPv6(src=src6, dst=v6(dst4), hlim=64) / ICMPv6PacketTooBig(mtu=mtu) / quoted
    exp = IP(src=POOL4, dst=dst4, ttl=63) / ICMP(type=3, code=4) / \
        IP(src=dst4, dst=POOL4, ttl=63) / UDP(sport=9, dport=p4) / PAY
    return err, exp


@case("rfc7915-5.2-packet-too-big-minus-20", "5.2", "Packet Too Big with MTU 1400 becomes Fragmentation Needed with MTU 1380")
def _(b):
    err, exp = packet_too_big(b, 1400, sport=2086)
    exp[ICMP].nexthopmtu = 1380
    b.xlat(err, exp, free=["IP.id", "IPerror.id"])


@case("rfc7915-5.2-packet-too-big-ipv6-next-hop", "5.2", "the IPv6 next hop's MTU (1400) - 20 caps the figure (the node said 1500)")
def _(b):
    err, exp = packet_too_big(b, 1500, src6=C6B, sport=PORT_B)
    exp[ICMP].nexthopmtu = 1380
    b.xlat(err, exp, free=["IP.id", "IPerror.id"])


@case("rfc7915-5.2-packet-too-big-ipv4-next-hop", "5.2", "the IPv4 next hop's MTU (1400) caps the figure (the node said 1500)")
def _(b):
    err, exp = packet_too_big(b, 1500, sport=2087, dst4=S4B)
    exp[ICMP].nexthopmtu = 1400
    b.xlat(err, exp, free=["IP.id", "IPerror.id"])


@case("rfc7915-6-own-packet-too-big", "5.1/6", "an IPv6 packet whose translation (DF set) exceeds the IPv4 next hop: dropped, Packet Too Big with that MTU + 20")
def _(b):
    pkt = IPv6(src=C6, dst=v6(S4B), hlim=64) / UDP(sport=2088, dport=9) / Raw(b"T" * (1450 - 48))
    with b.counts(JSTAT_PKT_TOO_BIG=1):
        b.send6(pkt)
        got = b.expect6()
    b_exp = IPv6(src="2001:db8::1", dst=C6, hlim=64) / ICMPv6PacketTooBig(mtu=1420) / Raw(bytes(pkt)[:1280 - 48])
    compare(got, b_exp, free=["IPv6.fl"])
    b.nothing()
