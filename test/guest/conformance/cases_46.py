# SPDX-License-Identifier: GPL-2.0
"""cases_46.py - RFC 7915 section 4.1: translating IPv4 headers into IPv6."""
from scapy.all import (IP, IPv6, UDP, TCP, ICMP, Raw, ICMPv6EchoRequest, ICMPv6EchoReply,
                       IPv6ExtHdrFragment, IPOption_RR, IPOption_LSRR, IPOption_SSRR,
                       IPOption_NOP)
from harness import case, compare, Failure, C6, C6B, S4, POOL4, PORT_B, MASKED, v6

SRV = v6(S4)
PAY = Raw(b"conformance-" * 8)


def udp4(dport=2010, sport=9, tos=0, ttl=64, flags=0, pay=PAY, options=None, chksum=None, id=1):
    ip = IP(src=S4, dst=POOL4, tos=tos, ttl=ttl, flags=flags, id=id)
    if options:
        ip.options = options
    u = UDP(sport=sport, dport=dport)
    if chksum is not None:
        u.chksum = chksum
    return ip / u / pay


def udp6(dport=2010, sport=9, tc=0, hlim=63, pay=PAY, dst=C6):
    return IPv6(src=SRV, dst=dst, tc=tc, fl=0, hlim=hlim) / UDP(sport=sport, dport=dport) / pay


@case("rfc7915-4.1-tos-to-traffic-class", "4.1", "the TOS is copied to the Traffic Class")
def _(b):
    b.xlat(udp4(tos=0xa5), udp6(tc=0xa5))


@case("rfc7915-4.1-zeroize-traffic-class", "4.1", "with zeroize-traffic-class, the Traffic Class is 0")
def _(b):
    with b.globals(zeroize_traffic_class="true"):
        b.xlat(udp4(tos=0xa5), udp6(tc=0))


@case("rfc7915-4.1-override-tos-is-6to4-only", "4.1", "override-tos does not touch the IPv4->IPv6 Traffic Class")
def _(b):
    with b.globals(override_tos="true", tos=0x28):
        b.xlat(udp4(tos=0x10), udp6(tc=0x10))


@case("rfc7915-4.1-flow-label-zero", "4.1", "the Flow Label is 0")
def _(b):
    got = b.xlat(udp4(tos=0xff), udp6(tc=0xff))
    if got[IPv6].fl != 0:
        raise Failure("flow label %#x" % got[IPv6].fl)


@case("rfc7915-4.1-hop-limit-from-ttl", "4.1", "the Hop Limit is the TTL minus one")
def _(b):
    b.xlat(udp4(ttl=37), udp6(hlim=36))


@case("rfc7915-4.1-payload-length", "4.1", "the Payload Length is the Total Length minus the IPv4 header (odd size)")
def _(b):
    pay = Raw(b"p" * 501)
    got = b.xlat(udp4(pay=pay), udp6(pay=pay))
    if got[IPv6].plen != 8 + 501:
        raise Failure("payload length %d" % got[IPv6].plen)


@case("rfc7915-4.1-udp-checksum-pseudo-header", "4.1", "the UDP checksum is updated for the IPv6 pseudo-header and port")
def _(b):
    # The mapping changes the port (38888 -> 2202): the port term counts.
    b.xlat(udp4(dport=MASKED[2202], sport=53), udp6(dport=2202, sport=53))


@case("rfc7915-4.1-tcp-checksum-pseudo-header", "4.1", "the TCP checksum (SYN+ACK with options) is updated for the IPv6 pseudo-header")
def _(b):
    # A session first: the IPv6 node opens it, from a port its mapping changes.
    b.send6(IPv6(src=C6, dst=SRV) / TCP(sport=2203, dport=80, flags="S", seq=5))
    b.expect4()
    tcp = TCP(sport=80, dport=MASKED[2203], flags="SA", seq=900, ack=6, options=[("MSS", 1400), ("NOP", None), ("WScale", 3)])
    tcp6 = tcp.copy()
    tcp6.dport = 2203
    b.xlat(IP(src=S4, dst=POOL4, ttl=64) / tcp, IPv6(src=SRV, dst=C6, hlim=63) / tcp6)


@case("rfc7915-4.1-icmp-echo-to-icmpv6", "4.1/4.2", "ICMP Echo Request 8 becomes 128, with the pseudo-header checksum")
def _(b):
    b.xlat(IP(src=S4, dst=POOL4, ttl=64) / ICMP(type=8, id=2013, seq=3) / Raw(b"echo" * 5),
           IPv6(src=SRV, dst=C6, hlim=63) / ICMPv6EchoRequest(id=2013, seq=3, data=b"echo" * 5))


@case("rfc7915-4.1-icmp-echo-reply-to-icmpv6", "4.1/4.2", "ICMP Echo Reply 0 becomes 129, after the IPv6 node's request")
def _(b):
    b.send6(IPv6(src=C6, dst=SRV) / ICMPv6EchoRequest(id=2014, seq=1))
    b.expect4()
    b.xlat(IP(src=S4, dst=POOL4, ttl=64) / ICMP(type=0, id=2014, seq=1),
           IPv6(src=SRV, dst=C6, hlim=63) / ICMPv6EchoReply(id=2014, seq=1))


@case("rfc7915-4.1-options-dropped", "4.1", "IPv4 options (record route) are not translated")
def _(b):
    b.xlat(udp4(options=[IPOption_RR(routers=["0.0.0.0"] * 2), IPOption_NOP()]), udp6())


@case("rfc7915-4.1-expired-source-route-translated", "4.1", "a source route option already used up (pointer past its end) is just dropped")
def _(b):
    # The sender's checksum covers the final destination, the last address.
    opt = IPOption_LSRR(routers=[POOL4], pointer=8)
    b.xlat(udp4(options=[opt, IPOption_NOP()]), udp6())


def refuse_sr(b, opt):
    pkt = udp4(options=[opt, IPOption_NOP()])
    with b.counts(JSTAT46_SRC_ROUTE=1):
        b.send4(pkt)
        got = b.expect4()
    compare(got, IP(src="192.0.2.1", dst=S4, tos=0xc0, ttl=64, flags=0) / ICMP(type=3, code=5) /
            IP(bytes(pkt)), free=["IP.id"])
    b.nothing()


@case("rfc7915-4.1-loose-source-route-refused", "4.1", "an unexpired loose source route: dropped, ICMP 3/5 (source route failed)")
def _(b):
    refuse_sr(b, IPOption_LSRR(routers=["198.51.100.9"], pointer=4))


@case("rfc7915-4.1-strict-source-route-refused", "4.1", "an unexpired strict source route: dropped, ICMP 3/5 (source route failed)")
def _(b):
    refuse_sr(b, IPOption_SSRR(routers=["198.51.100.9"], pointer=4))


@case("rfc7915-4.1-udp-zero-checksum-computed", "4.1/4.5", "IPv4 UDP without checksum gets one computed (unfragmented)")
def _(b):
    b.xlat(udp4(dport=2015, chksum=0), udp6(dport=2015))


@case("rfc7915-4.1-df-clear-small-no-fragment-header", "4.1", "DF clear, 1000 bytes: no Fragment header")
def _(b):
    pay = Raw(b"n" * (1000 - 28))
    b.xlat(udp4(pay=pay), udp6(pay=pay))


@case("rfc7915-4.1-df-set-no-fragment-header", "4.1", "DF set: no Fragment header")
def _(b):
    pay = Raw(b"N" * (1400 - 28))
    b.xlat(udp4(pay=pay, flags="DF"), udp6(pay=pay))


def frags6(b, pkt, expected_udp, unit, ident, dst=C6):
    """@pkt (IPv4) must leave as IPv6 fragments of @unit data bytes."""
    n = (len(expected_udp) + unit - 1) // unit
    b.send4(pkt)
    got = sorted(b.expect6(n), key=lambda p: p[IPv6ExtHdrFragment].offset)
    for i, g in enumerate(got):
        off = i * unit
        more = int(off + unit < len(expected_udp))
        compare(g, IPv6(src=SRV, dst=dst, hlim=63, nh=44) /
                IPv6ExtHdrFragment(nh=17, offset=off // 8, m=more, id=ident) /
                Raw(expected_udp[off:off + unit]))
    return got


def udp6_bytes(dport, pay, dst=C6):
    return bytes(IPv6(bytes(udp6(dport=dport, pay=pay, dst=dst)))[UDP])


@case("rfc7915-4.1-df-clear-fragmented-to-1280", "4.1", "DF clear, 1400 bytes: IPv6 fragments of at most 1280 bytes (lowest-ipv6-mtu) carrying the IPv4 Identification")
def _(b):
    pay = Raw(b"F" * (1400 - 28))
    frags6(b, udp4(pay=pay, id=0xbeef), udp6_bytes(2010, pay), 1280 - 48, 0xbeef)


@case("rfc7915-4.1-lowest-ipv6-mtu-raised", "4.1", "lowest-ipv6-mtu 1500: a 1400-byte DF-clear packet leaves whole")
def _(b):
    pay = Raw(b"W" * (1400 - 28))
    with b.globals(lowest_ipv6_mtu=1500):
        b.xlat(udp4(pay=pay), udp6(pay=pay))


@case("rfc7915-4.1-next-hop-mtu-below-lowest", "4.1", "lowest-ipv6-mtu 1500 but a 1400-byte next hop: fragments of at most 1400 bytes")
def _(b):
    pay = Raw(b"H" * (1450 - 28))
    with b.globals(lowest_ipv6_mtu=1500):
        frags6(b, udp4(dport=PORT_B, pay=pay, id=0x1234), udp6_bytes(PORT_B, pay, dst=C6B),
               1400 - 48, 0x1234, dst=C6B)


@case("rfc7915-4.1-fragments-to-ipv6-fragments", "4.1", "IPv4 fragments leave as IPv6 fragments: same offsets, M flags, Identification in the Fragment header")
def _(b):
    pay = Raw(bytes(range(200)) * 5)
    whole = bytes(IP(bytes(udp4(dport=2016, pay=pay)))[UDP])
    b.flush()
    for off in (0, 504):
        part = whole[off:off + 504]
        b.s0.send(IP(src=S4, dst=POOL4, ttl=64, id=0x4242, proto=17, frag=off // 8,
                     flags="MF" if off + 504 < len(whole) else 0) / Raw(part))
    expected = udp6_bytes(2016, pay)
    got = sorted(b.expect6(2), key=lambda p: p[IPv6ExtHdrFragment].offset)
    for i, g in enumerate(got):
        off = i * 504
        compare(g, IPv6(src=SRV, dst=C6, hlim=63, nh=44) /
                IPv6ExtHdrFragment(nh=17, offset=off // 8, m=int(off + 504 < len(expected)), id=0x4242) /
                Raw(expected[off:off + 504]))


@case("rfc7915-4.1-fragmented-udp-zero-checksum-dropped", "4.1/4.5", "fragmented IPv4 UDP without checksum is dropped and counted")
def _(b):
    whole = bytes(UDP(sport=9, dport=2017, chksum=0) / Raw(b"z" * 900))
    whole = whole[:4] + (908).to_bytes(2, "big") + whole[6:]
    with b.counts(JSTAT46_FRAGMENTED_ZERO_CSUM=1):
        b.flush()
        b.s0.send(IP(src=S4, dst=POOL4, ttl=64, id=7, proto=17, frag=0, flags="MF") / Raw(whole[:504]))
        b.s0.send(IP(src=S4, dst=POOL4, ttl=64, id=7, proto=17, frag=63) / Raw(whole[504:]))
        b.nothing()


@case("rfc7915-4.1-df-set-too-big-frag-needed", "4.1/6", "DF set and larger than the IPv6 next hop: dropped, ICMP 3/4 with the MTU minus 20")
def _(b):
    pkt = udp4(dport=PORT_B, pay=Raw(b"B" * (1450 - 28)), flags="DF")
    with b.counts(JSTAT_PKT_TOO_BIG=1):
        b.send4(pkt)
        got = b.expect4()
    quoted = bytes(pkt)[:576 - 28]
    compare(got, IP(src="192.0.2.1", dst=S4, tos=0xc0, ttl=64, flags=0) /
            ICMP(type=3, code=4, nexthopmtu=1380) / Raw(quoted), free=["IP.id"])
