# SPDX-License-Identifier: GPL-2.0
"""
harness.py - the packet-level conformance bench: crafted packets in, the
translated packet captured on the far side, compared field by field with the
packet the RFC prescribes.

The process runs in the translator's namespace (where `jool` talks to the
module) and holds raw AF_PACKET sockets opened inside the client namespace
(IPv6, eth0 and eth1) and the server namespace (IPv4, eth0 and eth1):
setns(2) switches namespace for the socket() call only. A socket belongs to
the namespace it was created in, so one process sends on one side and
listens on the other without any helper processes or timing guesswork.

Comparison: the expected packet is a scapy template. Fields the RFC leaves
to the translator (a generated IPv4 Identification, say) are named "free":
their values are copied from the captured packet into the template, which is
then serialised (so lengths and checksums are computed over the right
bytes) and parsed back; every field of every layer must then match, and so
must the bytes.
"""
import ctypes
import os
import select
import socket
import struct
import subprocess
import sys
import time
import traceback

from scapy.all import Ether, IP, IPv6, Raw, conf  # noqa: F401

conf.verb = 0
CLONE_NEWNET = 0x40000000
ETH_P_ALL = 0x0003
PACKET_OUTGOING = 4
SIOCGIFHWADDR = 0x8927

_libc = ctypes.CDLL(None, use_errno=True)

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "py"))
from netns import setns  # noqa: E402


def mac_of(sock, ifname):
    req = struct.pack("256s", ifname.encode())
    import fcntl
    res = fcntl.ioctl(sock.fileno(), SIOCGIFHWADDR, req)
    return ":".join("%02x" % b for b in res[18:24])


class Port:
    """One interface of an endpoint namespace, seen through a raw socket."""

    def __init__(self, ifname, peer_mac):
        self.ifname = ifname
        self.sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_ALL))
        self.sock.bind((ifname, 0))
        self.mac = mac_of(self.sock, ifname)
        self.peer_mac = peer_mac

    def flush(self):
        while select.select([self.sock], [], [], 0)[0]:
            self.sock.recv(65535)

    def send(self, pkt):
        eth = Ether(src=self.mac, dst=self.peer_mac,
                    type=0x86DD if pkt.version == 6 else 0x0800)
        self.sock.send(bytes(eth / pkt))

    def capture(self, timeout):
        """Every IP packet that arrives within @timeout seconds, parsed."""
        out = []
        end = time.monotonic() + timeout
        while True:
            left = end - time.monotonic()
            if left <= 0 or not select.select([self.sock], [], [], left)[0]:
                return out
            data, addr = self.sock.recvfrom(65535)
            if addr[2] == PACKET_OUTGOING:
                continue
            eth = Ether(data)
            if eth.type == 0x0800:
                out.append(IP(bytes(eth.payload)))
            elif eth.type == 0x86DD:
                out.append(IPv6(bytes(eth.payload)))


class Failure(Exception):
    pass


def fields_of(pkt):
    """[(Layer.field, value)] of every layer, for comparison and messages."""
    out = []
    layer = pkt
    while layer is not None and not isinstance(layer, Raw):
        name = type(layer).__name__
        for f in layer.fields_desc:
            out.append(("%s.%s" % (name, f.name), layer.getfieldval(f.name)))
        nxt = layer.payload
        layer = nxt if nxt is not None and len(bytes(nxt)) else None
        if layer is not None and isinstance(layer, Raw):
            out.append(("Raw.load", bytes(layer)))
    if isinstance(pkt, Raw):
        out.append(("Raw.load", bytes(pkt)))
    return out


def _layer(pkt, name):
    layer = pkt
    while layer is not None and len(bytes(layer)):
        if type(layer).__name__ == name:
            return layer
        layer = layer.payload
    return None


def reparse(pkt):
    raw = bytes(pkt)
    return IP(raw) if raw[0] >> 4 == 4 else IPv6(raw)


def compare(got, expected, free=()):
    """Raises Failure naming every differing field."""
    exp = reparse(expected)
    for spec in free:
        lname, fname = spec.split(".")
        src, dst = _layer(got, lname), _layer(exp, lname)
        if src is None:
            raise Failure("captured packet has no %s layer (free field %s)" % (lname, spec))
        if dst is None:
            raise Failure("expected packet has no %s layer (free field %s)" % (lname, spec))
        dst.setfieldval(fname, src.getfieldval(fname))
        # The checksums over that field (its layer's and the enclosing ones) follow.
        layer = exp
        while layer is not None:
            for f in ("chksum", "cksum"):
                if f in layer.fields:
                    layer.setfieldval(f, None)
            if layer is dst:
                break
            layer = layer.payload
    exp = reparse(exp)
    g, e = fields_of(got), fields_of(exp)
    diffs = []
    gd = dict(g)
    for k, v in e:
        if k not in gd:
            diffs.append("%s: expected %r, captured packet has no such field" % (k, v))
        elif gd[k] != v:
            diffs.append("%s: expected %r, got %r" % (k, v, gd[k]))
    if not diffs and bytes(got) != bytes(exp):
        diffs.append("bytes differ: expected %s, got %s" % (bytes(exp).hex(), bytes(got).hex()))
    if diffs:
        raise Failure("; ".join(diffs[:8]))


class Bench:
    """The topology `run` built, seen from the translator's namespace."""

    def __init__(self, client_ns, server_ns, macs):
        here = "/proc/self/ns/net"
        home = os.open(here, os.O_RDONLY)
        setns("/run/netns/" + client_ns)
        self.c0 = Port("eth0", macs["c0"])
        self.c1 = Port("eth1", macs["c1"])
        setns("/run/netns/" + server_ns)
        self.s0 = Port("eth0", macs["s0"])
        self.s1 = Port("eth1", macs["s1"])
        if _libc.setns(home, CLONE_NEWNET) != 0:
            raise OSError("cannot return to the translator's namespace")
        os.close(home)

    def flush(self):
        for p in (self.c0, self.c1, self.s0, self.s1):
            p.flush()

    def jool(self, *args):
        r = subprocess.run(["jool"] + list(args), capture_output=True, text=True)
        if r.returncode:
            raise Failure("jool %s: %s" % (" ".join(args), r.stderr.strip()))
        return r.stdout

    def counters(self):
        out = self.jool("stats", "display", "--all", "--csv", "--no-headers")
        return {line.split(",")[0]: int(line.split(",")[1]) for line in out.splitlines() if line}

    def sysctl(self, key, value):
        with open("/proc/sys/" + key.replace(".", "/"), "w") as f:
            f.write(str(value))


# --- the cases' registry ---------------------------------------------------

CASES = []


def case(name, section, title):
    def reg(fn):
        CASES.append((name, section, title, fn))
        return fn
    return reg


def table():
    lines = ["# Packet-level conformance cases", "",
             "Generated by `conform.py --table` from the cases_*.py files; `make test` checks",
             "that this file is current and runs every case in the guest on each kernel.",
             "Sections are RFC 7915's unless another RFC is named. %d cases." % len(CASES), "",
             "| case | RFC section | rule checked |", "|---|---|---|"]
    for name, section, title, _ in CASES:
        lines.append("| `%s` | %s | %s |" % (name, section, title))
    return "\n".join(lines) + "\n"


def selected(only=None):
    """The full names of the cases @only keeps: the same rule as test/guest/run
    applies to "file/name" (JOOL_TEST_ONLY: any of its words is a substring)."""
    names = ["conformance/" + c[0] for c in CASES]
    return [n for n in names if not only or any(w in n for w in only.split())]


def run_all(bench, only=None):
    failed = 0
    keep = set(selected(only))
    for name, section, title, fn in CASES:
        if "conformance/" + name not in keep:
            continue
        bench.flush()
        t0 = time.monotonic()
        try:
            fn(bench)
        except Failure as e:
            failed += 1
            print("FAIL: conformance/%s" % name)
            print("    %s (RFC %s): %s" % (title, section, e))
        except Exception:  # a bug in the case itself is a failure too
            failed += 1
            print("FAIL: conformance/%s" % name)
            for line in traceback.format_exc().splitlines():
                print("    " + line)
        else:
            print("PASS: conformance/%s (%d ms)" % (name, (time.monotonic() - t0) * 1000))
        sys.stdout.flush()
    return failed


# --- the bench's addresses (see `run`) and the translator's setup ----------

import contextlib  # noqa: E402
import ipaddress  # noqa: E402

C6 = "2001:db8::2"          # client, on the 1500-byte link
C6B = "2001:db8:1::2"       # client, on the 1400-byte link
S4 = "192.0.2.2"            # server, on the 1500-byte link
S4B = "198.51.100.2"        # server, on the 1400-byte link
POOL4 = "203.0.113.1"
PORTS = range(2000, 2030)   # static BIB: 2001:db8::2#p <-> 203.0.113.1#p
PORT_B = 2100               # static BIB: 2001:db8:1::2#2100 <-> 203.0.113.1#2100
# Static BIB whose IPv4 port differs from the IPv6 one (2001:db8::2#p6 <->
# 203.0.113.1#p4), for the checksum updates' port term. One pair per case.
MASKED = {2200: 47011, 2201: 52345, 2202: 38888, 2203: 61111}


def v6(a4, prefix="64:ff9b::"):
    """IPv4 address @a4 as IPv6 nodes see it (RFC 6052, /96)."""
    return str(ipaddress.IPv6Address(int(ipaddress.IPv6Address(prefix)) |
                                     int(ipaddress.IPv4Address(a4))))


DEFAULTS = {
    "lowest-ipv6-mtu": "1280", "zeroize-traffic-class": "false", "override-tos": "false",
    "tos": "0", "mtu-plateaus": "65535,32000,17914,8166,4352,2002,1492,1006,508,296,68",
    "address-dependent-filtering": "false", "drop-externally-initiated-tcp": "false",
    "drop-icmpv6-info": "false", "source-icmpv6-errors-better": "true",
    "maximum-simultaneous-opens": "10",
}


def _setup(self):
    self.jool("instance", "add", "--netfilter", "--pool6", "64:ff9b::/96")
    for proto in ("--tcp", "--udp", "--icmp"):
        self.jool("pool4", "add", proto, POOL4, "1024-65535", "--force")
        for p in list(PORTS) + [PORT_B]:
            c = C6B if p == PORT_B else C6
            self.jool("bib", "add", proto, "%s#%d" % (c, p), "%s#%d" % (POOL4, p))
        for p6, p4 in MASKED.items():
            self.jool("bib", "add", proto, "%s#%d" % (C6, p6), "%s#%d" % (POOL4, p4))


@contextlib.contextmanager
def _globals(self, **kv):
    """with bench.globals(lowest_ipv6_mtu=1500): ... then back to the defaults."""
    keys = [k.replace("_", "-") for k in kv]
    try:
        for k, v in zip(keys, kv.values()):
            self.jool("global", "update", k, str(v))
        yield
    finally:
        for k in keys:
            self.jool("global", "update", k, DEFAULTS[k])


@contextlib.contextmanager
def _param(self, name, value):
    """with bench.param("test_syn4_ms", 1000): ... a testing-only module
    parameter (mod/params.c) set, then back to what it was."""
    path = "/sys/module/jool/parameters/" + name
    with open(path) as f:
        old = f.read().strip()
    with open(path, "w") as f:
        f.write(str(value))
    try:
        yield
    finally:
        with open(path, "w") as f:
            f.write(old)


def _port6(self, pkt):
    return self.c1 if pkt[IPv6].src == C6B else self.c0


def _port4(self, pkt):
    return self.s1 if pkt[IP].src == S4B else self.s0


def _send6(self, pkt):
    self.flush()
    _port6(self, pkt).send(pkt)


def _send4(self, pkt):
    self.flush()
    _port4(self, pkt).send(pkt)


def _capture(ports, version, n, timeout):
    """Up to @n IPv@version packets arriving on any of @ports within @timeout."""
    got = []
    end = time.monotonic() + timeout
    socks = {p.sock: p for p in ports}
    while len(got) < n:
        left = end - time.monotonic()
        if left <= 0:
            break
        for s in select.select(list(socks), [], [], left)[0]:
            got += [g for g in socks[s].capture(0.001) if version in (None, g.version)]
    return got


def _expect4(self, n=1, timeout=1.0):
    got = _capture([self.s0, self.s1], 4, n, timeout)
    if len(got) < n:
        raise Failure("%d packet(s) expected on the IPv4 side, %d came out" % (n, len(got)))
    return got[0] if n == 1 else got


def _expect6(self, n=1, timeout=1.0):
    got = _capture([self.c0, self.c1], 6, n, timeout)
    if len(got) < n:
        raise Failure("%d packet(s) expected on the IPv6 side, %d came out" % (n, len(got)))
    return got[0] if n == 1 else got


def _nothing(self, timeout=0.4):
    ports = [self.c0, self.c1, self.s0, self.s1]
    got = _capture(ports, None, 1, timeout)
    if got:
        raise Failure("expected silence, but got %s" % got[0].summary())


@contextlib.contextmanager
def _counts(self, **expected):
    """with bench.counts(JSTAT_X=1): ... the counters must move by that much."""
    before = self.counters()
    # A name jool does not show (a renamed counter) would read as 0 forever.
    unknown = [k for k in expected if k not in before]
    if unknown:
        raise Failure("no such counter: %s" % ", ".join(unknown))

    def moved():
        after = self.counters()
        return after, ", ".join("%s+%d" % (k, v - before.get(k, 0)) for k, v in after.items()
                                if v != before.get(k, 0))
    try:
        yield
    except Failure as e:
        raise Failure("%s (counters: %s)" % (e, moved()[1]))
    after, what = moved()
    for k, n in expected.items():
        d = after.get(k, 0) - before.get(k, 0)
        if d != n:
            raise Failure("counter %s moved by %d, expected %d (counters: %s)" % (k, d, n, what))


def _xlat(self, pkt, expected, free=(), n=1):
    """Sends @pkt from its side; the first packet out must be @expected."""
    if pkt.version == 6:
        self.send6(pkt)
        got = self.expect4(n)
    else:
        self.send4(pkt)
        got = self.expect6(n)
    compare(got if n == 1 else got[0], expected, free)
    return got


Bench.setup = _setup
Bench.globals = _globals
Bench.param = _param
Bench.send6 = _send6
Bench.send4 = _send4
Bench.expect4 = _expect4
Bench.expect6 = _expect6
Bench.nothing = _nothing
Bench.counts = _counts
Bench.xlat = _xlat
