# SPDX-License-Identifier: GPL-2.0
# udp_echo.py ADDR PORT: answers every datagram with "SRCADDR#SRCPORT" as seen.
import socket, sys
addr, port = sys.argv[1], int(sys.argv[2])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.bind((addr, port))
while True:
    data, peer = s.recvfrom(65535)
    s.sendto(("%s#%d" % (peer[0], peer[1])).encode(), peer)
