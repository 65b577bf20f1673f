# SPDX-License-Identifier: GPL-2.0
# udp_ask.py ADDR PORT SRCPORT [SRCADDR]: sends one datagram (retrying), prints the answer.
import socket, sys
addr, port, sport = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
src = sys.argv[4] if len(sys.argv) > 4 else ("::" if fam == socket.AF_INET6 else "0.0.0.0")
s.bind((src, sport))
s.settimeout(1)
for attempt in range(3):
    s.sendto(b"hello", (addr, port))
    try:
        print(s.recvfrom(65535)[0].decode())
        sys.exit(0)
    except socket.timeout:
        pass
sys.exit("no answer from %s#%d" % (addr, port))
