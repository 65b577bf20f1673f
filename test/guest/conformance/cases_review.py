# SPDX-License-Identifier: GPL-2.0
"""cases_review.py - regressions of the independent review (issue 16): packets
that crashed the translator, read past their end, or came out wrong."""
import subprocess

from scapy.all import (IP, IPv6, UDP, ICMP, Raw, IPOption_NOP, IPv6ExtHdrFragment,
                       IPv6ExtHdrHopByHop, ICMPv6DestUnreach, fragment6)
from harness import case, compare, Failure, C6, S4, POOL4, v6

SRV = v6(S4)
PAY = Raw(b"review--" * 8)


def udp4(ihl, pay=PAY, chksum=None, dport=2026, flags=0, id=7):
    """UDP to a static BIB entry, with (ihl - 5) words of NOP options."""
    ip = IP(src=S4, dst=POOL4, ttl=64, id=id, flags=flags)
    if ihl > 5:
        ip.options = [IPOption_NOP()] * (4 * (ihl - 5))
    u = UDP(sport=9, dport=dport)
    if chksum is not None:
        u.chksum = chksum
    pkt = IP(bytes(ip / u / pay))
    if pkt.ihl != ihl:
        raise Failure("the case built IHL %d, not %d" % (pkt.ihl, ihl))
    return pkt


def udp6(pay=PAY, dport=2026):
    return IPv6(src=SRV, dst=C6, tc=0, fl=0, hlim=63) / UDP(sport=9, dport=dport) / pay


# Review defect 1: IHL 11 and up pushed a negative length in place (a panic).
for ihl in range(5, 16):
    def mk(ihl):
        @case("review-ipv4-options-ihl-%d-in-place" % ihl, "4.1",
              "IHL %d (options dropped) translates correctly in place" % ihl)
        def _(b):
            b.xlat(udp4(ihl), udp6())

        @case("review-ipv4-options-ihl-%d-copied" % ihl, "4.1",
              "IHL %d (options dropped) translates correctly on the copying path (UDP checksum 0)" % ihl)
        def _(b):
            b.xlat(udp4(ihl, chksum=0, dport=2027), udp6(dport=2027))
    mk(ihl)


def icmp6_err(b, port, inner, hlim=64):
    """A session C6#port <-> S4#9, then an ICMPv6 error from the client quoting @inner."""
    b.send6(IPv6(src=C6, dst=SRV) / UDP(sport=port, dport=9) / Raw(b"open"))
    b.expect4()
    return IPv6(src=C6, dst=SRV, hlim=hlim) / ICMPv6DestUnreach(code=4) / inner


def dropped(b, pkt, **counters):
    with b.counts(**counters):
        if pkt.version == 6:
            b.send6(pkt)
        else:
            b.send4(pkt)
        b.nothing()


@case("review-icmp6-inner-ext-header-past-end", "RFC 6146 3.4",
      "an ICMPv6 error quoting a Hop-by-Hop header that claims 16 bytes with 8 present is dropped (no read past the packet)")
def _(b):
    # The quoted ports would lie 8 bytes beyond the packet's end.
    hbh = bytes([17, 1]) + b"\x01\x04\0\0\0\0"
    inner = IPv6(src=SRV, dst=C6, hlim=63, nh=0, plen=24) / Raw(hbh)
    dropped(b, icmp6_err(b, 2301, inner), JSTAT_HDR6=1)


@case("review-icmp6-quoted-length-below-ext-headers", "5.2",
      "an ICMPv6 error whose quoted Payload Length is shorter than the quoted extension headers is dropped as malformed")
def _(b):
    hbh = bytes([17, 0]) + b"\x01\x04\0\0\0\0"
    inner = IPv6(src=SRV, dst=C6, hlim=63, nh=0, plen=4) / Raw(hbh) / UDP(sport=9, dport=2302)
    dropped(b, icmp6_err(b, 2302, inner), JSTAT_MALFORMED=1)


@case("review-icmp4-quoted-length-below-header", "4.2",
      "an ICMPv4 error whose quoted Total Length is shorter than the quoted header is dropped as malformed")
def _(b):
    b.send6(IPv6(src=C6, dst=SRV) / UDP(sport=2303, dport=9) / Raw(b"open"))
    p4 = b.expect4()[UDP].sport
    quoted = bytearray(bytes(IP(src=POOL4, dst=S4, ttl=63) / UDP(sport=p4, dport=9) / Raw(b"q" * 8)))
    quoted[2:4] = (10).to_bytes(2, "big")
    err = IP(src="192.0.2.99", dst=POOL4, ttl=64) / ICMP(type=3, code=3) / Raw(bytes(quoted))
    dropped(b, err, JSTAT_MALFORMED=1)


# Review defect 5: errors skipped the TTL check; hop limit 0 left as 255.
for hl in (0, 1):
    def mk(hl):
        @case("review-icmp6-error-hop-limit-%d-dropped" % hl, "5.2/RFC 4443 2.4",
              "an ICMPv6 error arriving with Hop Limit %d is dropped and counted, never answered" % hl)
        def _(b):
            inner = IPv6(src=SRV, dst=C6, hlim=63) / UDP(sport=9, dport=2310 + hl) / Raw(b"q" * 8)
            dropped(b, icmp6_err(b, 2310 + hl, inner, hlim=hl), JSTAT64_TTL=1,
                    JSTAT_ICMP6ERR_SUCCESS=0)

        @case("review-icmp4-error-ttl-%d-dropped" % hl, "4.2/RFC 1122 3.2.2",
              "an ICMPv4 error arriving with TTL %d is dropped and counted, never answered" % hl)
        def _(b):
            b.send6(IPv6(src=C6, dst=SRV) / UDP(sport=2312 + hl, dport=9) / Raw(b"open"))
            sent = b.expect4()
            quoted = IP(src=POOL4, dst=S4, ttl=63, id=sent[IP].id, flags=sent[IP].flags) / \
                UDP(sport=sent[UDP].sport, dport=9) / Raw(b"open")
            err = IP(src="192.0.2.99", dst=POOL4, ttl=hl) / ICMP(type=3, code=3) / quoted
            dropped(b, err, JSTAT46_TTL=1, JSTAT_ICMP4ERR_SUCCESS=0)
    mk(hl)


@case("review-ipv6-reassembled-too-big-for-ipv4", "5.1/RFC 791",
      "a 65527-byte UDP datagram in IPv6 fragments (IPv4 would need 65547 bytes) is dropped and counted")
def _(b):
    whole = IPv6(src=C6, dst=SRV, hlim=64) / IPv6ExtHdrFragment(id=0x5151) / \
        UDP(sport=2320, dport=9) / Raw(b"z" * (65527 - 8))
    frags = fragment6(whole, 1400)
    with b.counts(JSTAT64_TOO_BIG_FOR_IPV4=1):
        b.flush()
        for f in frags:
            b.c0.send(f)
        b.nothing(timeout=1.0)


class mtu_route:
    """An IPv6 route to the client with an mtu metric below 1280."""

    def __init__(self, mtu):
        self.mtu = mtu

    def __enter__(self):
        subprocess.run(["ip", "-6", "route", "add", C6 + "/128", "dev", "c0", "mtu", str(self.mtu)],
                       check=True)

    def __exit__(self, *a):
        subprocess.run(["ip", "-6", "route", "del", C6 + "/128", "dev", "c0"], check=False)


@case("review-4to6-too-big-below-1280-quotes-ipv4", "4/RFC 6146 3.9",
      "a DF packet that fits 1280 but not a 1200-byte IPv6 route gets Fragmentation Needed (MTU 1180) quoting the IPv4 packet")
def _(b):
    pkt = udp4(5, pay=Raw(b"d" * 1200), dport=2028, flags="DF")
    with mtu_route(1200):
        with b.counts(JSTAT_PKT_TOO_BIG=1):
            b.send4(pkt)
            got = b.expect4()
    if ICMP not in got or got[ICMP].type != 3 or got[ICMP].code != 4:
        raise Failure("expected ICMP 3/4, got %s" % got.summary())
    if got[ICMP].nexthopmtu != 1180:
        raise Failure("next-hop MTU %d, expected 1180" % got[ICMP].nexthopmtu)
    quote = bytes(got[ICMP].payload)
    if len(quote) < 28 or quote != bytes(pkt)[:len(quote)]:
        raise Failure("the error does not quote the IPv4 packet: %s" % quote[:28].hex())


@case("review-4to6-fragments-below-1280-keep-ipv4-id", "4.1",
      "a DF-clear packet that fits 1280 but not a 1200-byte IPv6 route leaves in fragments carrying the IPv4 Identification")
def _(b):
    pkt = udp4(5, pay=Raw(b"f" * 1200), dport=2029, id=0x4242)
    with mtu_route(1200):
        b.send4(pkt)
        got = b.expect6(n=2)
    for g in got:
        if IPv6ExtHdrFragment not in g:
            raise Failure("not a fragment: %s" % g.summary())
        if g[IPv6ExtHdrFragment].id != 0x4242:
            raise Failure("fragment id %#x, expected the IPv4 Identification 0x4242"
                          % g[IPv6ExtHdrFragment].id)
