# SPDX-License-Identifier: GPL-2.0
# upload.py server ADDR PORT     receives one stream, answers its SHA-256
# upload.py client ADDR PORT N   sends N random bytes, prints "ok" if the
#                                server's SHA-256 matches
import hashlib, os, socket, sys

mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
if mode == "server":
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    s.listen(1)
    while True:
        c, _ = s.accept()
        h = hashlib.sha256()
        while True:
            b = c.recv(65536)
            if not b:
                break
            h.update(b)
        c.sendall(h.hexdigest().encode())
        c.close()
else:
    data = os.urandom(int(sys.argv[4]))
    s = socket.create_connection((addr, port), timeout=60)
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
    got = s.recv(100).decode()
    print("ok" if got == hashlib.sha256(data).hexdigest() else "mismatch")
