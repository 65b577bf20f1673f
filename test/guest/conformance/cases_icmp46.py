# SPDX-License-Identifier: GPL-2.0
"""cases_icmp46.py - RFC 7915 section 4.2: ICMPv4 errors into ICMPv6."""
from scapy.all import (IP, IPv6, UDP, TCP, ICMP, Raw, ICMPv6DestUnreach, ICMPv6TimeExceeded,
                       ICMPv6ParamProblem, ICMPv6EchoRequest)
from harness import case, compare, Failure, C6, S4, POOL4, v6

SRV = v6(S4)
ROUTER = "192.0.2.99"       # an IPv4 router on the server's side
PAY = Raw(b"quoted-payload--" * 4)


def session(b, port, dport=9):
    """The IPv6 node sends one UDP packet: a session C6#port <-> S4#dport."""
    b.send6(IPv6(src=C6, dst=SRV) / UDP(sport=port, dport=dport) / PAY)
    return b.expect4()


def error4(b, port, icmp, pay=PAY, src=ROUTER, dport=9):
    """An ICMPv4 error from @src about the packet the translator sent for the session."""
    sent = session(b, port, dport)
    quoted = IP(src=POOL4, dst=S4, ttl=63, id=sent[IP].id, flags=sent[IP].flags) / \
        UDP(sport=sent[UDP].sport, dport=dport) / pay
    return IP(src=src, dst=POOL4, ttl=64, tos=0xc0) / icmp / quoted


def quoted6(port, pay=PAY, dport=9):
    return IPv6(src=C6, dst=SRV, hlim=63) / UDP(sport=port, dport=dport) / pay


def translated(b, err, expected):
    b.xlat(err, expected)


DU = [  # ICMPv4 destination unreachable code -> (ICMPv6 type, code)
    (0, 1, 0, "net unreachable"), (1, 1, 0, "host unreachable"), (3, 1, 4, "port unreachable"),
    (5, 1, 0, "source route failed"), (6, 1, 0, "destination network unknown"),
    (7, 1, 0, "destination host unknown"), (8, 1, 0, "source host isolated"),
    (9, 1, 1, "network administratively prohibited"), (10, 1, 1, "host administratively prohibited"),
    (11, 1, 0, "network unreachable for TOS"), (12, 1, 0, "host unreachable for TOS"),
    (13, 1, 1, "communication administratively prohibited"), (15, 1, 1, "precedence cutoff"),
]


def du_case(code, t6, c6, what, port):
    @case("rfc7915-4.2-dest-unreach-%d-to-%d-%d" % (code, t6, c6), "4.2",
          "Destination Unreachable code %d (%s) becomes type %d code %d" % (code, what, t6, c6))
    def _(b):
        err = error4(b, port, ICMP(type=3, code=code))
        b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
               ICMPv6DestUnreach(code=c6) / quoted6(port))


for i, (code, t6, c6, what) in enumerate(DU):
    du_case(code, t6, c6, what, 2030 + i)   # ports 2030.. (dynamic mappings)


@case("rfc7915-4.2-protocol-unreach-to-param-problem", "4.2", "Protocol Unreachable becomes Parameter Problem code 1, pointer 6 (Next Header)")
def _(b):
    err = error4(b, 2005, ICMP(type=3, code=2))
    b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
           ICMPv6ParamProblem(code=1, ptr=6) / quoted6(2005))


@case("rfc7915-4.2-precedence-violation-dropped", "4.2", "Destination Unreachable code 14 (host precedence violation) is dropped")
def _(b):
    err = error4(b, 2006, ICMP(type=3, code=14))
    with b.counts(JSTAT_UNKNOWN_ICMP4_TYPE=1):
        b.send4(err)
        b.nothing()


@case("rfc7915-4.2-time-exceeded-in-transit", "4.2", "Time Exceeded code 0 becomes type 3 code 0")
def _(b):
    err = error4(b, 2007, ICMP(type=11, code=0))
    b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
           ICMPv6TimeExceeded(code=0) / quoted6(2007))


@case("rfc7915-4.2-time-exceeded-reassembly", "4.2", "Time Exceeded code 1 becomes type 3 code 1")
def _(b):
    err = error4(b, 2008, ICMP(type=11, code=1))
    b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
           ICMPv6TimeExceeded(code=1) / quoted6(2008))


PTR = [(0, 0, "version/IHL"), (1, 1, "type of service"), (2, 4, "total length"),
       (3, 4, "total length"), (8, 7, "TTL"), (9, 6, "protocol"), (12, 8, "source address"),
       (16, 24, "destination address")]


def ptr_case(p4, p6, what, port):
    @case("rfc7915-4.2-param-problem-pointer-%d-to-%d" % (p4, p6), "4.2",
          "Parameter Problem pointer %d (%s) becomes pointer %d" % (p4, what, p6))
    def _(b):
        err = error4(b, port, ICMP(type=12, code=0, ptr=p4))
        b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
               ICMPv6ParamProblem(code=0, ptr=p6) / quoted6(port))


for i, (p4, p6, what) in enumerate(PTR):
    ptr_case(p4, p6, what, 2009 + i)     # ports 2009..2016


@case("rfc7915-4.2-param-problem-bad-length-code-2", "4.2", "Parameter Problem code 2 (bad length) is translated as code 0 with the pointer mapped")
def _(b):
    err = error4(b, 2017, ICMP(type=12, code=2, ptr=2))
    b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
           ICMPv6ParamProblem(code=0, ptr=4) / quoted6(2017))


def dropped(b, err, counter):
    with b.counts(**{counter: 1}):
        b.send4(err)
        b.nothing()


@case("rfc7915-4.2-param-problem-pointer-identification-dropped", "4.2", "Parameter Problem pointing at the Identification (no IPv6 field) is dropped and counted")
def _(b):
    dropped(b, error4(b, 2018, ICMP(type=12, code=0, ptr=4)), "JSTAT46_UNTRANSLATABLE_PARAM_PROBLEM_PTR")


@case("rfc7915-4.2-param-problem-pointer-checksum-dropped", "4.2", "Parameter Problem pointing at the header checksum is dropped and counted")
def _(b):
    dropped(b, error4(b, 2019, ICMP(type=12, code=0, ptr=10)), "JSTAT46_UNTRANSLATABLE_PARAM_PROBLEM_PTR")


@case("rfc7915-4.2-param-problem-missing-option-dropped", "4.2", "Parameter Problem code 1 (missing required option) is dropped")
def _(b):
    dropped(b, error4(b, 2020, ICMP(type=12, code=1)), "JSTAT_UNKNOWN_ICMP4_TYPE")


for t, what in ((4, "source quench"), (5, "redirect"), (13, "timestamp"), (15, "information request"),
                (9, "router advertisement"), (17, "address mask request")):
    def mk(t, what):
        @case("rfc7915-4.2-type-%d-dropped" % t, "4.2", "ICMPv4 type %d (%s) has no IPv6 counterpart: dropped, counted" % (t, what))
        def _(b):
            pkt = IP(src=S4, dst=POOL4, ttl=64) / ICMP(type=t, code=0) / Raw(b"\0" * 28)
            dropped(b, pkt, "JSTAT_UNKNOWN_ICMP4_TYPE")
    mk(t, what)


@case("rfc7915-4.2-truncated-to-1280", "4.2", "a translated error is cut to 1280 bytes; the quoted UDP keeps its (updated) checksum")
def _(b):
    pay = Raw(bytes(range(200)) * 7)  # a 1448-byte quote: 1540 bytes translated
    err = error4(b, 2021, ICMP(type=3, code=1), pay=pay)
    full = bytes(IPv6(bytes(quoted6(2021, pay=pay))))
    got = b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) /
                 ICMPv6DestUnreach(code=0) / Raw(full[:1280 - 48]))
    if len(bytes(got)) != 1280:
        raise Failure("length %d" % len(bytes(got)))


@case("rfc7915-4.2-quoted-echo-checksum", "4.2", "an error about an Echo Request quotes an ICMPv6 Echo Request with a valid checksum")
def _(b):
    b.send6(IPv6(src=C6, dst=SRV) / ICMPv6EchoRequest(id=2022, seq=9, data=b"ping-data"))
    sent = b.expect4()
    err = IP(src=ROUTER, dst=POOL4, ttl=64, tos=0xc0) / ICMP(type=3, code=1) / \
        IP(src=POOL4, dst=S4, ttl=63, id=sent[IP].id) / ICMP(type=8, id=2022, seq=9) / Raw(b"ping-data")
    b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) / ICMPv6DestUnreach(code=0) /
           IPv6(src=C6, dst=SRV, hlim=63) / ICMPv6EchoRequest(id=2022, seq=9, data=b"ping-data"))


@case("rfc7915-4.2-quoted-tcp-header-8-bytes", "4.2", "an error quoting only 8 bytes of TCP translates the ports")
def _(b):
    b.send6(IPv6(src=C6, dst=SRV) / TCP(sport=2023, dport=80, flags="S", seq=77))
    b.expect4()
    tcp8 = bytes(TCP(sport=2023, dport=80, seq=77))[:8]
    err = IP(src=ROUTER, dst=POOL4, ttl=64, tos=0xc0) / ICMP(type=3, code=1) / \
        IP(src=POOL4, dst=S4, ttl=63, proto=6, len=40, flags=0, id=5) / Raw(tcp8)
    b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0xc0) / ICMPv6DestUnreach(code=0) /
           IPv6(src=C6, dst=SRV, hlim=63, nh=6, plen=20) / Raw(tcp8))


@case("rfc7915-4.2-source-is-the-router", "4.2", "source-icmpv6-errors-better on: the error comes from the router's address")
def _(b):
    err = error4(b, 2024, ICMP(type=11, code=0), src="203.0.113.200")
    b.xlat(err, IPv6(src=v6("203.0.113.200"), dst=C6, hlim=63, tc=0xc0) /
           ICMPv6TimeExceeded(code=0) / quoted6(2024))


@case("rfc7915-4.2-source-is-the-session-rfc6146", "4.2", "source-icmpv6-errors-better off: the error comes from the session's remote address (RFC 6146)")
def _(b):
    with b.globals(source_icmpv6_errors_better="false"):
        err = error4(b, 2025, ICMP(type=11, code=0))
        b.xlat(err, IPv6(src=SRV, dst=C6, hlim=63, tc=0xc0) / ICMPv6TimeExceeded(code=0) / quoted6(2025))


@case("rfc7915-4.2-zeroize-traffic-class-on-errors", "4.1/4.2", "zeroize-traffic-class applies to translated errors too")
def _(b):
    with b.globals(zeroize_traffic_class="true"):
        err = error4(b, 2026, ICMP(type=11, code=0))
        b.xlat(err, IPv6(src=v6(ROUTER), dst=C6, hlim=63, tc=0) / ICMPv6TimeExceeded(code=0) / quoted6(2026))


@case("rfc7915-4.2-error-about-error-dropped", "4.2", "an ICMPv4 error about an ICMP error is not translated")
def _(b):
    inner_err = IP(src=POOL4, dst=S4, ttl=63) / ICMP(type=3, code=1) / IP(src=S4, dst=POOL4) / UDP(sport=9, dport=2027)
    pkt = IP(src=ROUTER, dst=POOL4, ttl=64) / ICMP(type=3, code=1) / inner_err
    dropped(b, pkt, "JSTAT_DOUBLE_ICMP4_ERROR")


@case("rfc7915-4.2-error-without-session-dropped", "4.2", "an ICMPv4 error about a packet of no session is not translated")
def _(b):
    pkt = IP(src=ROUTER, dst=POOL4, ttl=64) / ICMP(type=3, code=1) / \
        IP(src=POOL4, dst="192.0.2.77", ttl=63) / UDP(sport=2028, dport=4242) / PAY
    dropped(b, pkt, "JSTAT_SESSION_NOT_FOUND")
