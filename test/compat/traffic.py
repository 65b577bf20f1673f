# SPDX-License-Identifier: GPL-2.0
"""
traffic.py CLIENTNS SERVERNS - the differential test's flows, deterministic
so that both translators show the same BIB and sessions: from the IPv6-only
client 2001:db8::2 to the IPv4 server 192.0.2.2 (64:ff9b::c000:202), one UDP
exchange from port 41000 to 7001, one TCP connection from port 42000 to 7002
closed by both ends, and one ICMP echo with identifier 1234. Each waits for
its answer (the event), never for time; exits non-zero naming a flow that
got none.
"""
import os
import socket
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "guest", "py"))
from netns import inside  # noqa: E402

cns, sns = sys.argv[1], sys.argv[2]
SRV6 = "64:ff9b::c000:202"


def sock(ns, fam, typ, proto=0):
    return inside(ns, lambda: socket.socket(fam, typ, proto))


def udp():
    srv = sock(sns, socket.AF_INET, socket.SOCK_DGRAM)
    srv.bind(("192.0.2.2", 7001))
    srv.settimeout(10)
    cli = sock(cns, socket.AF_INET6, socket.SOCK_DGRAM)
    cli.bind(("2001:db8::2", 41000))
    cli.settimeout(2)
    for _ in range(5):
        cli.sendto(b"ping", (SRV6, 7001))
        try:
            data, peer = srv.recvfrom(100)
            srv.sendto(b"pong", peer)
            cli.recvfrom(100)
            return
        except socket.timeout:
            continue
    sys.exit("no UDP exchange through the translator")


def tcp():
    srv = sock(sns, socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("192.0.2.2", 7002))
    srv.listen(1)
    srv.settimeout(20)
    cli = sock(cns, socket.AF_INET6, socket.SOCK_STREAM)
    cli.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    cli.bind(("2001:db8::2", 42000))
    cli.settimeout(20)
    try:
        cli.connect((SRV6, 7002))
        conn, _ = srv.accept()
        conn.settimeout(20)
        cli.sendall(b"hello")
        conn.recv(100)
        conn.sendall(b"bye")
        cli.recv(100)
        conn.shutdown(socket.SHUT_WR)          # server's FIN (IPv4 side)
        if cli.recv(100) != b"":
            sys.exit("TCP: data after the server's FIN")
        cli.shutdown(socket.SHUT_WR)           # client's FIN (IPv6 side)
        if conn.recv(100) != b"":
            sys.exit("TCP: data after the client's FIN")
    except (socket.timeout, OSError) as e:
        sys.exit("TCP through the translator: %s" % e)
    # Both FINs crossed; the sockets stay open until exit (no RST).
    tcp.keep = (cli, conn, srv)


def icmp():
    s = sock(cns, socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    s.settimeout(2)
    req = struct.pack("!BBHHH", 128, 0, 0, 1234, 1) + b"jool"
    for _ in range(5):
        s.sendto(req, (SRV6, 0))
        try:
            while True:
                data, _ = s.recvfrom(200)
                if data[0] == 129 and struct.unpack("!H", data[4:6])[0] == 1234:
                    return
        except socket.timeout:
            continue
    sys.exit("no ICMP echo reply through the translator")


udp()
tcp()
icmp()
