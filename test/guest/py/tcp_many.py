# SPDX-License-Identifier: GPL-2.0
# tcp_many.py server ADDR PORT        answers each connection with "SRC#PORT"
# tcp_many.py client ADDR PORT N [T]  opens N connections at once (each given
#                                     T seconds, default 20), prints how many
#                                     got their answer, then the answers
import asyncio, sys

async def serve(addr, port):
    async def handle(r, w):
        peer = w.get_extra_info("peername")
        await r.read(1)
        w.write(("%s#%d" % (peer[0], peer[1])).encode())
        await w.drain()
        w.close()
    srv = await asyncio.start_server(handle, addr, port, backlog=1024)
    async with srv:
        await srv.serve_forever()

async def one(addr, port, t):
    try:
        r, w = await asyncio.wait_for(asyncio.open_connection(addr, port), t)
        w.write(b"x")
        data = await asyncio.wait_for(r.read(100), t)
        w.close()
        return data.decode()
    except Exception:
        return None

async def client(addr, port, n, t):
    res = await asyncio.gather(*(one(addr, port, t) for _ in range(n)))
    ok = [x for x in res if x]
    print(len(ok))
    for x in ok:
        print(x)

mode, addr, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "server":
    asyncio.run(serve(addr, port))
else:
    t = float(sys.argv[5]) if len(sys.argv) > 5 else 20
    asyncio.run(client(addr, port, int(sys.argv[4]), t))
