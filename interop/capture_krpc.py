#!/usr/bin/python3
"""Capture the raw KRPC datagrams a real DHT client sends to a loopback address.

    /usr/bin/python3 capture_krpc.py --bind 127.0.0.70 --port 7000 --seconds 15 [--respond]

Prints one JSON line per datagram: source, raw bytes (Python-escaped and hex),
and a decoded view. With --respond it answers every query with a minimal valid
BEP 5 response (id, empty nodes, token) so the client keeps talking and its
follow-up queries (get_peers, announce_peer, ...) can be captured too.
Loopback only; standard library only.
"""

import argparse
import ipaddress
import json
import os
import socket
import sys
import time


def bdecode(b, i=0):
    c = b[i:i + 1]
    if c == b"i":
        j = b.index(b"e", i)
        return int(b[i + 1:j]), j + 1
    if c == b"l":
        i += 1
        out = []
        while b[i:i + 1] != b"e":
            v, i = bdecode(b, i)
            out.append(v)
        return out, i + 1
    if c == b"d":
        i += 1
        out = {}
        while b[i:i + 1] != b"e":
            k, i = bdecode(b, i)
            v, i = bdecode(b, i)
            out[k] = v
        return out, i + 1
    if c.isdigit():
        j = b.index(b":", i)
        n = int(b[i:j])
        return b[j + 1:j + 1 + n], j + 1 + n
    raise ValueError("bad bencode at %d" % i)


def bencode(v):
    if isinstance(v, int):
        return b"i%de" % v
    if isinstance(v, bytes):
        return b"%d:%s" % (len(v), v)
    if isinstance(v, str):
        return bencode(v.encode())
    if isinstance(v, list):
        return b"l" + b"".join(bencode(x) for x in v) + b"e"
    if isinstance(v, dict):
        items = sorted((k.encode() if isinstance(k, str) else k, x) for k, x in v.items())
        return b"d" + b"".join(bencode(k) + bencode(x) for k, x in items) + b"e"
    raise TypeError(type(v))


def view(v):
    """JSON-friendly view: printable byte strings as text, others as hex."""
    if isinstance(v, dict):
        return {k.decode("latin-1"): view(x) for k, x in v.items()}
    if isinstance(v, list):
        return [view(x) for x in v]
    if isinstance(v, bytes):
        if v and all(32 <= ch < 127 for ch in v):
            return v.decode()
        return "hex:" + v.hex()
    return v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bind", default="127.0.0.70")
    ap.add_argument("--port", type=int, default=7000)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--respond", action="store_true")
    a = ap.parse_args()
    if ipaddress.ip_address(a.bind) not in ipaddress.ip_network("127.0.0.0/8"):
        sys.exit("capture_krpc: --bind must be in 127.0.0.0/8")
    my_id = os.urandom(20)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.bind, a.port))
    s.settimeout(0.2)
    print(json.dumps({"event": "listening", "bind": a.bind, "port": a.port, "id": my_id.hex()}), flush=True)
    t0 = time.monotonic()
    while time.monotonic() - t0 < a.seconds:
        try:
            data, src = s.recvfrom(65535)
        except socket.timeout:
            continue
        try:
            msg, _ = bdecode(data)
        except Exception as e:
            msg = {b"decode_error": str(e).encode()}
        print(json.dumps({"event": "datagram", "t": round(time.monotonic() - t0, 3),
                          "from": "%s:%d" % src, "len": len(data),
                          "raw": repr(data), "hex": data.hex(), "decoded": view(msg)}), flush=True)
        if a.respond and isinstance(msg, dict) and msg.get(b"y") == b"q":
            r = {b"id": my_id}
            q = msg.get(b"q")
            if q in (b"find_node", b"get_peers", b"get"):
                r[b"nodes"] = b""
            if q in (b"get_peers", b"get"):
                r[b"token"] = b"tok1"
            ip = socket.inet_aton(src[0]) + src[1].to_bytes(2, "big")
            s.sendto(bencode({b"t": msg.get(b"t", b""), b"y": b"r", b"r": r, b"ip": ip}), src)


if __name__ == "__main__":
    main()
