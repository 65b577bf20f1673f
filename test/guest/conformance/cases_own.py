# SPDX-License-Identifier: GPL-2.0
"""cases_own.py - errors the translator itself originates (RFC 7915 section 6,
RFC 6146 sections 3.5 and 3.8), and addresses it must never translate."""
from scapy.all import IP, IPv6, UDP, TCP, ICMP, Raw, ICMPv6TimeExceeded
from harness import case, compare, C6, S4, S4B, POOL4, v6

SRV = v6(S4)


def refused4(b, pkt, counter, icmp, src="192.0.2.1", dst=S4, wait=1.0):
    with b.counts(**{counter: 1}):
        b.send4(pkt)
        got = b.expect4(timeout=wait)
    compare(got, IP(src=src, dst=dst, tos=0xc0, ttl=64) / icmp / IP(bytes(pkt)), free=["IP.id"])
    b.nothing()


@case("rfc7915-5.1-hop-limit-exceeded", "5.1/RFC 6146 3.8", "Hop Limit 1: not translated, ICMPv6 Time Exceeded from the translator")
def _(b):
    pkt = IPv6(src=C6, dst=SRV, hlim=1) / UDP(sport=2090, dport=9) / Raw(b"hl")
    with b.counts(JSTAT64_TTL=1, JSTAT_ICMP6ERR_SUCCESS=1):
        b.send6(pkt)
        got = b.expect6()
    compare(got, IPv6(src="2001:db8::1", dst=C6, hlim=64) / ICMPv6TimeExceeded(code=0) / pkt,
            free=["IPv6.fl"])
    b.nothing()


@case("rfc7915-4.1-ttl-exceeded", "4.1/RFC 6146 3.8", "TTL 1: not translated, ICMPv4 Time Exceeded from the translator")
def _(b):
    refused4(b, IP(src=S4, dst=POOL4, ttl=1) / UDP(sport=9, dport=2091) / Raw(b"ttl"),
             "JSTAT46_TTL", ICMP(type=11, code=0))


@case("rfc6146-3.5.1.1-adf-prohibited", "RFC 6146 3.5.1.1", "address-dependent filtering refuses an unknown remote: ICMP 3/13 (administratively prohibited)")
def _(b):
    with b.globals(address_dependent_filtering="true"):
        b.send6(IPv6(src=C6, dst=SRV) / UDP(sport=2092, dport=9))
        p4 = b.expect4()[UDP].sport
        refused4(b, IP(src=S4B, dst=POOL4, ttl=64) / UDP(sport=9, dport=p4) / Raw(b"adf"),
                 "JSTAT_ADF", ICMP(type=3, code=13), src="198.51.100.1", dst=S4B)


@case("rfc6146-3.5.2.2-drop-external-tcp-prohibited", "RFC 6146 3.5.2.2", "drop-externally-initiated-tcp refuses an IPv4 SYN: ICMP 3/13")
def _(b):
    with b.globals(drop_externally_initiated_tcp="true"):
        refused4(b, IP(src=S4, dst=POOL4, ttl=64) / TCP(sport=4000, dport=2093, flags="S", seq=1),
                 "JSTAT_V4_SYN", ICMP(type=3, code=13))


@case("rfc6146-3.5.2.2-stored-syn-port-unreachable", "RFC 6146 3.5.2.2", "an IPv4 SYN to an unmapped port waits 6 s, then ICMP 3/3 (port unreachable)")
def _(b):
    # The RFC's "at least 6 seconds", with test_syn4_ms at its default: the
    # one case that waits them (the others shorten the wait).
    pkt = IP(src=S4, dst=POOL4, ttl=64) / TCP(sport=4001, dport=40000, flags="S", seq=1)
    with b.counts(JSTAT_TYPE1PKT=1):
        b.send4(pkt)
        b.nothing(timeout=5.5)
        got = b.expect4(timeout=3.5)
    compare(got, IP(src="192.0.2.1", dst=S4, tos=0xc0, ttl=64) / ICMP(type=3, code=3) / IP(bytes(pkt)),
            free=["IP.id"])
    b.nothing()


for a in ("0.0.0.1", "127.0.0.1", "224.0.0.5", "240.0.0.1", "255.255.255.255"):
    def mk(a):
        @case("rfc6052-never-translate-dst-%s" % a, "RFC 6052 3.1/RFC 7915 4.1", "an IPv6 packet to %s (embedded) is dropped and counted" % a)
        def _(b):
            with b.counts(JSTAT_UNTRANSLATABLE_DST4=1):
                b.send6(IPv6(src=C6, dst=v6(a)) / UDP(sport=2094, dport=9))
                b.nothing()
    mk(a)


for a in ("0.0.0.1", "127.0.0.1", "224.0.0.5", "240.0.0.1"):
    def mk(a):
        @case("rfc6052-never-translate-src-%s" % a, "RFC 6052 3.1/RFC 7915 4.1", "an IPv4 packet from %s is dropped and counted" % a)
        def _(b):
            with b.counts(JSTAT46_SRC=1):
                b.send4(IP(src=a, dst=POOL4, ttl=64) / UDP(sport=9, dport=2029))
                b.nothing()
    mk(a)
