# SPDX-License-Identifier: GPL-2.0
# udp_gso.py send ADDR PORT BURSTS N SIZE [SPORT]
#     sends BURSTS sends of N datagrams of SIZE bytes each, every send one
#     GSO burst (the UDP_SEGMENT socket option, 103 on SOL_UDP)
# udp_gso.py recv ADDR PORT COUNT SIZE
#     receives until COUNT datagrams came (or 10 s of silence); prints how
#     many distinct ones had the size and the content the sender gave them
import socket, struct, sys, time

UDP_SEGMENT = 103
SO_RCVBUFFORCE = 33


def datagram(i, size):
    head = struct.pack("!I", i)
    return head + bytes((i * 7 + j) & 255 for j in range(size - len(head)))


mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
if mode == "send":
    bursts, n, size = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    if len(sys.argv) > 7:
        s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", int(sys.argv[7])))
    s.setsockopt(socket.SOL_UDP, UDP_SEGMENT, size)
    for b in range(bursts):
        s.sendto(b"".join(datagram(b * n + i, size) for i in range(n)), (addr, port))
        time.sleep(0.05)	# an emulated receiver is slow
else:
    count, size = int(sys.argv[4]), int(sys.argv[5])
    # A burst arrives whole and is cut for the socket: room for all of them.
    s.setsockopt(socket.SOL_SOCKET, SO_RCVBUFFORCE, 8 << 20)
    s.bind((addr, port))
    s.settimeout(10)
    good = set()
    try:
        for _ in range(count):
            d = s.recv(65536)
            if len(d) == size and d == datagram(struct.unpack("!I", d[:4])[0], size):
                good.add(d[:4])
    except socket.timeout:
        pass
    print(len(good))
