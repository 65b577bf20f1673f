# SPDX-License-Identifier: GPL-2.0
"""cases_64.py - RFC 7915 section 5.1: translating IPv6 headers into IPv4."""
from scapy.all import (IP, IPv6, UDP, TCP, ICMP, Raw, ICMPv6EchoRequest, IPv6ExtHdrHopByHop,
                       IPv6ExtHdrDestOpt, IPv6ExtHdrRouting, IPv6ExtHdrFragment,
                       ICMPv6ParamProblem, PadN)
from harness import case, compare, Failure, C6, S4, S4B, POOL4, MASKED, v6

SRV = v6(S4)
PAY = Raw(b"conformance-" * 8)


def udp6(sport=2000, dport=7, tc=0, hlim=64, ext=None, pay=PAY, dst=SRV, fl=0):
    p = IPv6(src=C6, dst=dst, tc=tc, hlim=hlim, fl=fl)
    if ext is not None:
        p = p / ext
    return p / UDP(sport=sport, dport=dport) / pay


def udp4(sport=2000, dport=7, tos=0, ttl=63, pay=PAY, dst=S4, flags=0):
    return IP(src=POOL4, dst=dst, tos=tos, ttl=ttl, flags=flags) / UDP(sport=sport, dport=dport) / pay


@case("rfc7915-5.1-traffic-class-to-tos", "5.1", "Traffic Class is copied to the TOS (all 8 bits)")
def _(b):
    b.xlat(udp6(tc=0xa5), udp4(tos=0xa5), free=["IP.id"])


@case("rfc7915-5.1-override-tos", "5.1", "with override-tos, the TOS is the `tos` global whatever the Traffic Class")
def _(b):
    with b.globals(override_tos="true", tos=0x28):
        b.xlat(udp6(tc=0xa5), udp4(tos=0x28), free=["IP.id"])


@case("rfc7915-5.1-tos-global-unused-without-override", "5.1", "the `tos` global alone changes nothing")
def _(b):
    with b.globals(tos=0x28):
        b.xlat(udp6(tc=0x10), udp4(tos=0x10), free=["IP.id"])


@case("rfc7915-5.1-zeroize-traffic-class-is-4to6-only", "5.1", "zeroize-traffic-class does not touch the IPv6->IPv4 TOS")
def _(b):
    with b.globals(zeroize_traffic_class="true"):
        b.xlat(udp6(tc=0xb8), udp4(tos=0xb8), free=["IP.id"])


@case("rfc7915-5.1-flow-label-ignored", "5.1", "the Flow Label is ignored")
def _(b):
    b.xlat(udp6(fl=0xabcde), udp4(), free=["IP.id"])


@case("rfc7915-5.1-ttl-from-hop-limit", "5.1", "TTL is the Hop Limit minus one (the translator is a router)")
def _(b):
    b.xlat(udp6(hlim=37), udp4(ttl=36), free=["IP.id"])


@case("rfc7915-5.1-hop-limit-255", "5.1", "Hop Limit 255 becomes TTL 254")
def _(b):
    b.xlat(udp6(hlim=255), udp4(ttl=254), free=["IP.id"])


@case("rfc7915-5.1-total-length", "5.1", "Total Length is the payload length plus 20 (odd size)")
def _(b):
    pay = Raw(b"x" * 333)
    got = b.xlat(udp6(pay=pay), udp4(pay=pay), free=["IP.id"])
    if got[IP].len != 20 + 8 + 333:
        raise Failure("total length %d" % got[IP].len)


@case("rfc7915-5.1-df-clear-up-to-1260", "5.1", "a translated packet of 1260 bytes leaves with DF clear and MF clear")
def _(b):
    pay = Raw(b"d" * (1260 - 28))
    got = b.xlat(udp6(pay=pay), udp4(pay=pay, flags=0), free=["IP.id"])
    if got[IP].len != 1260:
        raise Failure("length %d" % got[IP].len)


@case("rfc7915-5.1-df-set-above-1260", "5.1", "a translated packet of 1261 bytes leaves with DF set")
def _(b):
    pay = Raw(b"D" * (1261 - 28))
    b.xlat(udp6(pay=pay), udp4(pay=pay, flags="DF"), free=["IP.id"])


@case("rfc7915-5.1-identification-generated", "5.1", "small packets get Identifications from a generator (two packets differ)")
def _(b):
    ids = [b.xlat(udp6(), udp4(), free=["IP.id"])[IP].id for _ in range(3)]
    if len(set(ids)) < 2:
        raise Failure("Identifications %s do not change" % ids)


@case("rfc7915-5.1-protocol-udp", "5.1", "Protocol is the transport's (UDP 17), header checksum valid")
def _(b):
    got = b.xlat(udp6(), udp4(), free=["IP.id"])
    if got[IP].proto != 17:
        raise Failure("protocol %d" % got[IP].proto)


@case("rfc7915-5.1-udp-checksum-pseudo-header", "5.1", "UDP checksum recomputed for the IPv4 pseudo-header and masked port")
def _(b):
    # The mapping changes the port (2200 -> 47011): the port term counts.
    b.xlat(udp6(sport=2200, dport=53), udp4(sport=MASKED[2200], dport=53), free=["IP.id"])


@case("rfc7915-5.1-tcp-checksum-pseudo-header", "5.1", "TCP (SYN with options) checksum recomputed for the IPv4 pseudo-header")
def _(b):
    tcp = TCP(sport=2201, dport=80, flags="S", seq=1000, options=[("MSS", 1440), ("SAckOK", b""), ("WScale", 7)])
    tcp4 = tcp.copy()
    tcp4.sport = MASKED[2201]     # the mapping changes the port: the port term counts
    b.xlat(IPv6(src=C6, dst=SRV) / tcp, IP(src=POOL4, dst=S4, ttl=63) / tcp4, free=["IP.id"])


@case("rfc7915-5.1-icmpv6-echo-to-icmp", "5.1/5.2", "Echo Request 128 becomes ICMP 8, Protocol 1, checksum without pseudo-header")
def _(b):
    b.xlat(IPv6(src=C6, dst=SRV) / ICMPv6EchoRequest(id=2003, seq=7, data=b"ping" * 10),
           IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=8, id=2003, seq=7) / Raw(b"ping" * 10),
           free=["IP.id"])


@case("rfc7915-5.1-hop-by-hop-skipped", "5.1", "a Hop-by-Hop Options header is skipped, not translated")
def _(b):
    b.xlat(udp6(ext=IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0" * 4)])), udp4(), free=["IP.id"])


@case("rfc7915-5.1-destination-options-skipped", "5.1", "a Destination Options header is skipped")
def _(b):
    b.xlat(udp6(ext=IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 4)])), udp4(), free=["IP.id"])


@case("rfc7915-5.1-routing-segments-left-0-skipped", "5.1", "a Routing header with Segments Left 0 is skipped")
def _(b):
    b.xlat(udp6(ext=IPv6ExtHdrRouting(type=0, segleft=0, addresses=["2001:db8::99"])), udp4(),
           free=["IP.id"])


@case("rfc7915-5.1-several-extension-headers-skipped", "5.1", "Hop-by-Hop, Destination Options and Routing (SL 0) together are skipped")
def _(b):
    ext = (IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0" * 4)]) /
           IPv6ExtHdrDestOpt(options=[PadN(optdata=b"\0" * 4)]) /
           IPv6ExtHdrRouting(type=0, segleft=0, addresses=["2001:db8::99"]))
    b.xlat(udp6(ext=ext), udp4(), free=["IP.id"])


@case("rfc7915-5.1-routing-segments-left-param-problem", "5.1", "Segments Left non-zero: dropped, ICMPv6 Parameter Problem (code 0) points at it")
def _(b):
    pkt = udp6(ext=IPv6ExtHdrHopByHop(options=[PadN(optdata=b"\0" * 4)]) /
               IPv6ExtHdrRouting(type=0, segleft=1, addresses=["2001:db8::99"]))
    with b.counts(JSTAT64_SEGMENTS_LEFT=1):
        b.send6(pkt)
        got = b.expect6()
    # Pointer: 40 (IPv6) + 8 (Hop-by-Hop) + 3 (Segments Left in the Routing header).
    compare(got, IPv6(src="2001:db8::1", dst=C6, hlim=64) / ICMPv6ParamProblem(code=0, ptr=51) / pkt,
            free=["IPv6.fl"])
    b.nothing()


def frag6_send(b, sport, data, size, ident):
    """The UDP datagram (@data payload) from the client, in IPv6 fragments
    of @size data bytes; returns the IPv4 UDP datagram expected out, whole."""
    whole = bytes(IPv6(bytes(IPv6(src=C6, dst=SRV) / UDP(sport=sport, dport=9) / Raw(data)))[UDP])
    h = IPv6(src=C6, dst=SRV, nh=44)
    b.flush()
    for off in range(0, len(whole), size):
        more = int(off + size < len(whole))
        b.c0.send(h / IPv6ExtHdrFragment(nh=17, offset=off // 8, m=more, id=ident) /
                  Raw(whole[off:off + size]))
    return bytes(IP(bytes(IP(src=POOL4, dst=S4, ttl=63) / UDP(sport=sport, dport=9) / Raw(data)))[UDP])


def expect_frags4(b, udp, size):
    n = (len(udp) + size - 1) // size
    got = sorted(b.expect4(n), key=lambda p: p[IP].frag)
    if len({g[IP].id for g in got}) != 1:
        raise Failure("fragments carry Identifications %s" % [g[IP].id for g in got])
    for i, g in enumerate(got):
        off = i * size
        more = "MF" if off + size < len(udp) else 0
        compare(g, IP(src=POOL4, dst=S4, ttl=63, flags=more, frag=off // 8, proto=17) /
                Raw(udp[off:off + size]), free=["IP.id"])


@case("rfc7915-5.1-fragment-header-to-ipv4-fragments", "5.1.1", "IPv6 fragments leave as IPv4 fragments: DF clear, MF and offsets as sent, one Identification")
def _(b):
    udp = frag6_send(b, 2004, bytes(range(256)) * 8, 1448, 0x12345678)
    expect_frags4(b, udp, 1448)


@case("rfc7915-5.1-small-fragments-stay-small", "5.1.1", "fragments of 504 bytes are translated as fragments of the same size")
def _(b):
    udp = frag6_send(b, 2005, b"s" * 900, 504, 77)
    expect_frags4(b, udp, 504)


@case("rfc7915-5.1-fragments-out-of-order", "5.1.1", "fragments arriving last-first are translated all the same")
def _(b):
    whole = bytes(IPv6(bytes(IPv6(src=C6, dst=SRV) / UDP(sport=2006, dport=9) / Raw(b"o" * 1000)))[UDP])
    h = IPv6(src=C6, dst=SRV, nh=44)
    b.flush()
    b.c0.send(h / IPv6ExtHdrFragment(nh=17, offset=63, m=0, id=78) / Raw(whole[504:]))
    b.c0.send(h / IPv6ExtHdrFragment(nh=17, offset=0, m=1, id=78) / Raw(whole[:504]))
    udp = bytes(IP(bytes(IP(src=POOL4, dst=S4, ttl=63) / UDP(sport=2006, dport=9) / Raw(b"o" * 1000)))[UDP])
    expect_frags4(b, udp, 504)
