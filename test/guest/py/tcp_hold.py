# SPDX-License-Identifier: GPL-2.0
"""
tcp_hold.py CLIENT_NS SERVER_NS PORT - opens one TCP connection through the
translator, from [2001:db8::2]:PORT in CLIENT_NS to 192.0.2.2:9301 in
SERVER_NS, prints "up" and keeps it idle; then for each line read on stdin,
sends it from the client to the server and back, and prints "echo" if it
came back whole, or what went wrong. Ends at the end of its input.

Runs in the translator's namespace (netns.inside() opens each socket in its
own), so a shell test holds a real connection, with both ends' kernels
answering whatever reaches them, while it looks at the translator.
"""
import os
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netns import inside  # noqa: E402

SRV6 = "64:ff9b::c000:202"
SPORT = 9301


def main():
    cns, sns, port = sys.argv[1], sys.argv[2], int(sys.argv[3])

    def listener():
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("192.0.2.2", SPORT))
        s.listen(1)
        return s

    def client():
        c = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        c.bind(("2001:db8::2", port))
        return c

    lsn = inside(sns, listener)
    cli = inside(cns, client)
    for s in (lsn, cli):
        s.settimeout(10)
    cli.connect((SRV6, SPORT))
    srv, _ = lsn.accept()
    srv.settimeout(5)
    print("up", flush=True)
    for line in sys.stdin:
        data = line.strip().encode()
        try:
            cli.sendall(data)
            got = srv.recv(len(data))
            srv.sendall(got)
            back = cli.recv(len(data))
            print("echo" if back == data else "mangled: %r" % back, flush=True)
        except OSError as e:
            print("lost: %s" % e, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
