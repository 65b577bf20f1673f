# SPDX-License-Identifier: GPL-2.0
"""cases_strength.py - cases written because a deliberate bug of test/mutants
survived the suite (issue 16, item 14): each closes one such gap."""
from scapy.all import IP, IPv6, UDP, TCP, Raw
from harness import case, Failure, C6, S4, POOL4, v6

SRV = v6(S4)


def zero_sum_payload(outer):
    """A payload for @outer (a UDP packet template without payload) whose
    UDP checksum comes out 0: the first word cancels the rest of the sum."""
    rest = b"strength"
    c = outer.__class__(bytes(outer / Raw(b"\0\0" + rest)))[UDP].chksum
    if c == 0xffff:	# the sum is already 0 with a zero first word
        return b"\0\0" + rest
    return c.to_bytes(2, "big") + rest


def check_zero_sum(pkt):
    """The template's own checksum must be the 0 that is sent as 0xffff."""
    built = pkt.__class__(bytes(pkt))
    if built[UDP].chksum != 0xffff:
        raise Failure("the case built a checksum of %#x, not a computed 0" % built[UDP].chksum)


@case("strength-udp-checksum-0-is-ffff-6to4", "RFC 768 / 7915 5.1",
      "a translated UDP checksum that computes to 0 is sent as 0xffff, never 0 (\"none\")")
def _(b):
    pay = zero_sum_payload(IP(src=POOL4, dst=S4, ttl=63, flags=0) / UDP(sport=2027, dport=4091))
    exp = IP(src=POOL4, dst=S4, ttl=63, flags=0) / UDP(sport=2027, dport=4091) / Raw(pay)
    check_zero_sum(exp)
    b.xlat(IPv6(src=C6, dst=SRV, hlim=64) / UDP(sport=2027, dport=4091) / Raw(pay), exp, free=["IP.id"])


@case("strength-udp-checksum-0-is-ffff-4to6", "RFC 8200 8.1 / 7915 4.1",
      "a translated IPv6 UDP checksum that computes to 0 is sent as 0xffff (0 is invalid in IPv6)")
def _(b):
    pay = zero_sum_payload(IPv6(src=SRV, dst=C6, tc=0, fl=0, hlim=63) / UDP(sport=4092, dport=2027))
    exp = IPv6(src=SRV, dst=C6, tc=0, fl=0, hlim=63) / UDP(sport=4092, dport=2027) / Raw(pay)
    check_zero_sum(exp)
    b.xlat(IP(src=S4, dst=POOL4, ttl=64, id=9) / UDP(sport=4092, dport=2027) / Raw(pay), exp)


# A remote address no other case talks to: address-dependent filtering must
# find no session of the mapping with it, whatever ran before.
FAR4 = "203.0.113.201"


@case("strength-simultaneous-open-forgets-stored-syn", "RFC 6146 3.5.2.2",
      "an IPv4 SYN stored by address-dependent filtering and answered by the IPv6 node's SYN "
      "is forgotten: no port unreachable when its wait (shortened to 3 s) runs out")
def _(b):
    with b.globals(address_dependent_filtering="true"), b.param("test_syn4_ms", 3000):
        with b.counts(JSTAT_TYPE1PKT=1):
            b.send4(IP(src=FAR4, dst=POOL4, ttl=64) / TCP(sport=4093, dport=2029, flags="S", seq=1))
            b.nothing()
        b.send6(IPv6(src=C6, dst=v6(FAR4), hlim=64) / TCP(sport=2029, dport=4093, flags="S", seq=7))
        got = b.expect4()
        if got.getlayer(TCP) is None or got[TCP].flags != "S":
            raise Failure("expected the IPv6 node's SYN on the IPv4 side, got %s" % got.summary())
        # The wait is 3 s and the expiry worker runs every 0.5 s.
        b.nothing(timeout=4.5)


@case("strength-udp-checksum-dynamic-port", "RFC 7915 5.1 / RFC 6146 3.7",
      "with a dynamic mapping (the port changes), the UDP checksum follows the new port too")
def _(b):
    # Every other case maps a port to itself (static BIB): a checksum update
    # that got the port's part wrong went unseen.
    b.xlat(IPv6(src=C6, dst=SRV, hlim=64) / UDP(sport=3094, dport=4094) / Raw(b"strength"),
           IP(src=POOL4, dst=S4, ttl=63, flags=0) / UDP(sport=1, dport=4094) / Raw(b"strength"),
           free=["IP.id", "UDP.sport"])
