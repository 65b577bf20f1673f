# SPDX-License-Identifier: GPL-2.0
"""cases_icmp64.py - RFC 7915 section 5.2: ICMPv6 errors into ICMPv4."""
from scapy.all import (IP, IPv6, UDP, ICMP, Raw, ICMPv6DestUnreach, ICMPv6TimeExceeded,
                       ICMPv6ParamProblem, ICMPv6EchoRequest, ICMPv6EchoReply, ICMPv6Unknown,
                       ICMPv6MLQuery, ICMPv6ND_RS)
from harness import case, compare, Failure, C6, S4, POOL4, v6

SRV = v6(S4)
PAY = Raw(b"quoted-payload--" * 4)


def session(b, port, dport=9):
    """The server answers once: the IPv6 node now has a packet to complain about."""
    b.send6(IPv6(src=C6, dst=SRV) / UDP(sport=port, dport=dport) / Raw(b"open"))
    return b.expect4()[UDP].sport


def error6(b, port, icmp, pay=PAY, dport=9):
    """An ICMPv6 error from the IPv6 node about a packet from the server."""
    p4 = session(b, port, dport)
    quoted = IPv6(src=SRV, dst=C6, hlim=63) / UDP(sport=dport, dport=port) / pay
    return IPv6(src=C6, dst=SRV, hlim=64) / icmp / quoted, p4


def quoted4(p4, pay=PAY, dport=9, flags=0):
    return IP(src=S4, dst=POOL4, ttl=63, flags=flags) / UDP(sport=dport, dport=p4) / pay


FREE = ["IP.id", "IPerror.id"]


def dropped(b, pkt, counter):
    with b.counts(**{counter: 1}):
        b.send6(pkt)
        b.nothing()


DU = [(0, 1, "no route to destination"), (1, 10, "administratively prohibited"),
      (2, 1, "beyond scope of source address"), (3, 1, "address unreachable"),
      (4, 3, "port unreachable")]


def du_case(c6, c4, what, port):
    @case("rfc7915-5.2-dest-unreach-%d-to-3-%d" % (c6, c4), "5.2",
          "Destination Unreachable code %d (%s) becomes type 3 code %d" % (c6, what, c4))
    def _(b):
        err, p4 = error6(b, port, ICMPv6DestUnreach(code=c6))
        b.xlat(err, IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=3, code=c4) / quoted4(p4), free=FREE)


for i, (c6, c4, what) in enumerate(DU):
    du_case(c6, c4, what, 2040 + i)


for c6, what in ((5, "source address failed policy"), (6, "reject route")):
    def mk(c6, what):
        @case("rfc7915-5.2-dest-unreach-%d-dropped" % c6, "5.2", "Destination Unreachable code %d (%s) is dropped" % (c6, what))
        def _(b):
            err, _ = error6(b, 2045 + c6, ICMPv6DestUnreach(code=c6))
            dropped(b, err, "JSTAT_UNKNOWN_ICMP6_TYPE")
    mk(c6, what)


for code in (0, 1):
    def mk(code):
        @case("rfc7915-5.2-time-exceeded-%d" % code, "5.2", "Time Exceeded code %d becomes type 11 code %d" % (code, code))
        def _(b):
            err, p4 = error6(b, 2052 + code, ICMPv6TimeExceeded(code=code))
            b.xlat(err, IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=11, code=code) / quoted4(p4), free=FREE)
    mk(code)


PTR = [(0, 0, "version"), (1, 1, "traffic class"), (4, 2, "payload length"), (6, 9, "next header"),
       (7, 8, "hop limit"), (8, 12, "source address"), (23, 12, "source address, last byte"),
       (24, 16, "destination address"), (39, 16, "destination address, last byte")]


def ptr_case(p6, p4, what, port):
    @case("rfc7915-5.2-param-problem-pointer-%d-to-%d" % (p6, p4), "5.2",
          "Parameter Problem pointer %d (%s) becomes type 12 pointer %d" % (p6, what, p4))
    def _(b):
        err, p = error6(b, port, ICMPv6ParamProblem(code=0, ptr=p6))
        b.xlat(err, IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=12, code=0, ptr=p4) / quoted4(p), free=FREE)


for i, (p6, p4, what) in enumerate(PTR):
    ptr_case(p6, p4, what, 2054 + i)


@case("rfc7915-5.2-param-problem-flow-label-dropped", "5.2", "Parameter Problem pointing at the Flow Label (no IPv4 field) is dropped and counted")
def _(b):
    err, _ = error6(b, 2063, ICMPv6ParamProblem(code=0, ptr=2))
    dropped(b, err, "JSTAT64_UNTRANSLATABLE_PARAM_PROB_PTR")


@case("rfc7915-5.2-param-problem-next-header-to-protocol-unreach", "5.2", "Parameter Problem code 1 (unrecognized Next Header) becomes Protocol Unreachable 3/2")
def _(b):
    err, p4 = error6(b, 2064, ICMPv6ParamProblem(code=1, ptr=6))
    b.xlat(err, IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=3, code=2) / quoted4(p4), free=FREE)


@case("rfc7915-5.2-param-problem-option-dropped", "5.2", "Parameter Problem code 2 (unrecognized option) is dropped")
def _(b):
    err, _ = error6(b, 2065, ICMPv6ParamProblem(code=2, ptr=42))
    dropped(b, err, "JSTAT_UNKNOWN_ICMP6_TYPE")


@case("rfc7915-5.2-echo-reply-to-icmp", "5.2", "Echo Reply 129 becomes ICMP 0, after an IPv4-initiated ping")
def _(b):
    b.send4(IP(src=S4, dst=POOL4) / ICMP(type=8, id=2029, seq=1))
    b.expect6()
    b.xlat(IPv6(src=C6, dst=SRV, hlim=64) / ICMPv6EchoReply(id=2029, seq=1, data=b"pong"),
           IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=0, id=2029, seq=1) / Raw(b"pong"), free=["IP.id"])


@case("rfc7915-5.2-mld-dropped", "5.2", "Multicast Listener Query (informational, no IPv4 counterpart) is dropped")
def _(b):
    dropped(b, IPv6(src=C6, dst=SRV, hlim=1) / ICMPv6MLQuery(), "JSTAT_UNKNOWN_ICMP6_TYPE")


@case("rfc7915-5.2-router-solicitation-dropped", "5.2", "Router Solicitation sent to a pool6 address is dropped")
def _(b):
    dropped(b, IPv6(src=C6, dst=SRV, hlim=255) / ICMPv6ND_RS(), "JSTAT_UNKNOWN_ICMP6_TYPE")


@case("rfc7915-5.2-unknown-error-type-dropped", "5.2", "an ICMPv6 error type with no IPv4 counterpart (100) is dropped")
def _(b):
    err, _ = error6(b, 2067, ICMPv6DestUnreach(code=0))
    # ICMPv6 errors are 8 bytes of header, then the quote.
    err = err[IPv6].copy()
    quote = bytes(err[ICMPv6DestUnreach].payload)
    err[IPv6].remove_payload()
    err = err / ICMPv6Unknown(type=100, code=0, msgbody=b"\0" * 4 + quote)
    dropped(b, err, "JSTAT_UNKNOWN_ICMP6_TYPE")


@case("rfc7915-5.2-drop-icmpv6-info", "5.2", "drop-icmpv6-info: an Echo Request is dropped and counted")
def _(b):
    with b.globals(drop_icmpv6_info="true"):
        dropped(b, IPv6(src=C6, dst=SRV) / ICMPv6EchoRequest(id=2068), "JSTAT_ICMP6_FILTER")


@case("rfc7915-5.2-truncated-to-576", "5.2", "a translated error is cut to 576 bytes; the quoted UDP keeps its (updated) checksum")
def _(b):
    pay = Raw(bytes(range(250)) * 4)
    err, p4 = error6(b, 2069, ICMPv6DestUnreach(code=4), pay=pay)
    full = bytes(IP(bytes(quoted4(p4, pay=pay))))
    got = b.xlat(err, IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=3, code=3) / Raw(full[:576 - 28]),
                 free=FREE)
    if len(bytes(got)) != 576:
        raise Failure("length %d" % len(bytes(got)))
    inner = IP(bytes(got)[28:])
    if inner.len != 1028:
        raise Failure("quoted Total Length %d, expected 1028" % inner.len)


@case("rfc7915-5.2-quoted-echo-checksum", "5.2", "an error about an Echo Reply quotes an ICMP Echo Reply with a valid checksum")
def _(b):
    b.send6(IPv6(src=C6, dst=SRV) / ICMPv6EchoRequest(id=2070, seq=2))
    p4 = b.expect4()[ICMP].id
    quoted = IPv6(src=SRV, dst=C6, hlim=63) / ICMPv6EchoReply(id=2070, seq=2, data=b"reply")
    b.xlat(IPv6(src=C6, dst=SRV) / ICMPv6DestUnreach(code=4) / quoted,
           IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=3, code=3) /
           IP(src=S4, dst=POOL4, ttl=63) / ICMP(type=0, id=p4, seq=2) / Raw(b"reply"), free=FREE)


@case("rfc7915-5.2-outer-tos-and-ttl", "5.2", "the error's TOS comes from its Traffic Class, TTL from its Hop Limit minus one")
def _(b):
    err, p4 = error6(b, 2071, ICMPv6DestUnreach(code=4))
    err[IPv6].tc = 0xb8
    err[IPv6].hlim = 20
    b.xlat(err, IP(src=POOL4, dst=S4, ttl=19, tos=0xb8) / ICMP(type=3, code=3) / quoted4(p4), free=FREE)


@case("rfc7915-5.2-error-about-error-dropped", "5.2", "an ICMPv6 error about an ICMPv6 error is not translated")
def _(b):
    inner = IPv6(src=SRV, dst=C6) / ICMPv6DestUnreach(code=4) / IPv6(src=C6, dst=SRV) / UDP(sport=2072, dport=9)
    dropped(b, IPv6(src=C6, dst=SRV) / ICMPv6DestUnreach(code=1) / inner, "JSTAT_DOUBLE_ICMP6_ERROR")


@case("rfc7915-5.2-error-without-session-dropped", "5.2", "an ICMPv6 error about a packet of no session is not translated")
def _(b):
    quoted = IPv6(src=v6("192.0.2.77"), dst=C6, hlim=63) / UDP(sport=4242, dport=2073) / PAY
    dropped(b, IPv6(src=C6, dst=v6("192.0.2.77")) / ICMPv6DestUnreach(code=4) / quoted,
            "JSTAT_SESSION_NOT_FOUND")
