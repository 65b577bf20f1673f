# SPDX-License-Identifier: GPL-2.0
"""cases_counters.py - packets the translator refuses before translating
(RFC 6146 sections 3.4 and 3.5): each is dropped, or left to the kernel,
and moves its own counter."""
from scapy.all import IP, IPv6, UDP, TCP, ICMP, Raw, IPv6ExtHdrDestOpt, ICMPv6DestUnreach
from harness import case, Failure, C6, S4, POOL4, v6

SRV = v6(S4)


def dropped(b, pkt, counter, n=1):
    with b.counts(**{counter: n}):
        if pkt.version == 6:
            b.send6(pkt)
        else:
            b.send4(pkt)
        b.nothing()


@case("rfc6146-3.4-unknown-transport-dropped", "RFC 6146 3.4", "an IPv6 packet of a transport other than TCP, UDP or ICMPv6 (SCTP) is dropped and counted")
def _(b):
    dropped(b, IPv6(src=C6, dst=SRV, nh=132) / Raw(b"\0" * 32), "JSTAT_UNKNOWN_L4_PROTO")


@case("rfc6146-3.4-truncated-udp-dropped", "RFC 6146 3.4", "an IPv6 packet whose UDP header is cut short is dropped and counted")
def _(b):
    dropped(b, IPv6(src=C6, dst=SRV, nh=17) / Raw(b"\x07\xd0\x00\x09"), "JSTAT_SKB_TRUNCATED")


@case("rfc6146-3.4-udp-length-beyond-packet-dropped", "RFC 6146 3.4", "a UDP length larger than the packet is dropped as malformed")
def _(b):
    udp = bytearray(bytes(UDP(sport=2000, dport=9) / Raw(b"x" * 8)))
    udp[4:6] = (200).to_bytes(2, "big")
    dropped(b, IPv6(src=C6, dst=SRV, nh=17) / Raw(bytes(udp)), "JSTAT_MALFORMED")


@case("rfc6146-3.4-truncated-extension-header-dropped", "RFC 6146 3.4", "a Destination Options header running past the packet is dropped and counted")
def _(b):
    dropped(b, IPv6(src=C6, dst=SRV, nh=60) / Raw(b"\x11\x08" + b"\x01\x02" + b"\0" * 4),
            "JSTAT_HDR6")


@case("rfc6146-3.5.2-tcp-without-syn-from-ipv6", "RFC 6146 3.5.2", "a TCP segment other than a SYN from IPv6, with no session, is dropped and counted")
def _(b):
    dropped(b, IPv6(src=C6, dst=SRV) / TCP(sport=2001, dport=81, flags="A", seq=1, ack=1),
            "JSTAT_SYN6_EXPECTED")


@case("rfc6146-3.5.2-tcp-without-syn-from-ipv4", "RFC 6146 3.5.2", "a TCP segment other than a SYN from IPv4, with no session, is dropped and counted")
def _(b):
    dropped(b, IP(src=S4, dst=POOL4) / TCP(sport=81, dport=2001, flags="A", seq=1, ack=1),
            "JSTAT_SYN4_EXPECTED")


@case("rfc6146-3.5.1-udp-without-mapping", "RFC 6146 3.5.1", "IPv4 UDP to a pool4 port nobody maps is dropped and counted")
def _(b):
    dropped(b, IP(src=S4, dst=POOL4) / UDP(sport=9, dport=40001), "JSTAT_BIB4_NOT_FOUND")


@case("rfc6146-3.5.2.2-syn-retransmission", "RFC 6146 3.5.2.2", "a stored IPv4 SYN sent again is not stored twice")
def _(b):
    syn = IP(src=S4, dst=POOL4) / TCP(sport=4010, dport=40010, flags="S", seq=1)
    # Its wait shortened to 3 s, time enough for a slow guest to send it
    # again (the 6 s themselves: stored-syn-port-unreachable).
    with b.param("test_syn4_ms", 3000):
        dropped(b, syn, "JSTAT_TYPE1PKT")
        dropped(b, syn, "JSTAT_SO_EXISTS")
        # Its time runs out: one port unreachable, not two (and none left for later cases).
        got = b.expect4(timeout=5.0)
        if got.getlayer("ICMP") is None or (got["ICMP"].type, got["ICMP"].code) != (3, 3):
            raise Failure("expected ICMP 3/3, got %s" % got.summary())
        b.nothing(timeout=0.5)


@case("rfc6146-3.5.2.2-stored-syns-full", "RFC 6146 3.5.2.2", "past maximum-simultaneous-opens, an IPv4 SYN is refused at once (ICMP 3/3)")
def _(b):
    with b.globals(maximum_simultaneous_opens=0):
        pkt = IP(src=S4, dst=POOL4) / TCP(sport=4011, dport=40011, flags="S", seq=1)
        with b.counts(JSTAT_SO_FULL=1):
            b.send4(pkt)
            got = b.expect4()
        if got.getlayer("ICMP") is None or (got["ICMP"].type, got["ICMP"].code) != (3, 3):
            raise Failure("expected ICMP 3/3, got %s" % got.summary())


@case("rfc6146-3.9-no-ipv4-route", "RFC 6146 3.9", "a translated packet with no IPv4 route is dropped and counted")
def _(b):
    dropped(b, IPv6(src=C6, dst=v6("100.64.0.1")) / UDP(sport=2002, dport=9), "JSTAT_FAILED_ROUTES")


@case("jool-pool6-mismatch-counted", "RFC 6146 3.4", "IPv6 traffic outside pool6 is left to the kernel, counted as received (as Jool does) and as not ours")
def _(b):
    with b.counts(JSTAT_POOL6_MISMATCH=1, JSTAT_RECEIVED6=1, JSTAT_SUCCESS=0):
        b.send6(IPv6(src=C6, dst="2001:db8::1") / UDP(sport=2003, dport=9))
    b.flush()


@case("jool-pool4-mismatch-counted", "RFC 6146 3.4", "IPv4 traffic to a non-pool4 transport address is left to the kernel, counted as received (as Jool does) and as not ours")
def _(b):
    with b.counts(JSTAT_POOL4_MISMATCH=1, JSTAT_RECEIVED4=1, JSTAT_SUCCESS=0):
        b.send4(IP(src=S4, dst="192.0.2.1") / UDP(sport=9, dport=2004))
    b.flush()


@case("jool-icmp4-error-inner-not-ipv4", "RFC 6146 3.4", "an ICMPv4 error to pool4 whose quoted header is not IPv4 (version 5) is dropped and counted as JSTAT_HDR4")
def _(b):
    quoted = bytearray(bytes(IP(src=POOL4, dst=S4) / UDP(sport=40002, dport=9) / Raw(b"q" * 8)))
    quoted[0] = 0x55
    dropped(b, IP(src=S4, dst=POOL4) / ICMP(type=3, code=3) / Raw(bytes(quoted)), "JSTAT_HDR4")


@case("jool-icmp6-error-inner-unknown-proto", "RFC 6146 3.4", "an ICMPv6 error quoting a packet that is not TCP, UDP or ICMP (SCTP) is dropped and counted as JSTAT_UNKNOWN_PROTO_INNER")
def _(b):
    inner = IPv6(src=SRV, dst=C6, nh=132) / Raw(b"\0" * 16)
    dropped(b, IPv6(src=C6, dst=SRV) / ICMPv6DestUnreach(code=4) / inner, "JSTAT_UNKNOWN_PROTO_INNER")


@case("jool-hairpin-loop-dropped", "RFC 6146 3.8", "an IPv6 packet from a pool6 address to a pool6 address (a translation come back) is dropped and counted as JSTAT_HAIRPIN_LOOP")
def _(b):
    dropped(b, IPv6(src=v6("198.51.100.7"), dst=SRV) / UDP(sport=2005, dport=9), "JSTAT_HAIRPIN_LOOP")


@case("jool-ipv4-unknown-transport-counted", "RFC 6146 3.4", "IPv4 of a transport other than TCP, UDP or ICMP is left to the kernel and counted (received, JSTAT_UNKNOWN_L4_PROTO), as Jool does")
def _(b):
    with b.counts(JSTAT_RECEIVED4=1, JSTAT_UNKNOWN_L4_PROTO=1, JSTAT_SUCCESS=0):
        b.send4(IP(src=S4, dst=POOL4, proto=132) / Raw(b"\0" * 32))
    b.flush()
