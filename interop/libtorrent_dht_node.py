#!/usr/bin/python3
"""Run one real BitTorrent Mainline DHT node (libtorrent-rasterbar, via Debian's
python3-libtorrent) on a loopback address and report its state as JSON lines.

Lab use only: every address (bind, bootstrap, router) must be in 127.0.0.0/8.
LSD, UPnP, NAT-PMP and the default bootstrap routers are disabled, no torrents
are added, and the UDP socket is bound to a 127.x address (the kernel refuses
to send from a loopback source to a non-loopback destination).

Run with Debian's interpreter:  /usr/bin/python3 libtorrent_dht_node.py ...

stdout: one JSON object per line, see interop/README.md.
stderr: errors / diagnostics.
Exit codes: 0 ok, 2 bad arguments, 3 libtorrent missing, 4 listen failed.
"""

import argparse
import ipaddress
import json
import os
import re
import sys
import time
import warnings

LOOPBACK = ipaddress.ip_network("127.0.0.0/8")


def die(msg, code=2):
    print("libtorrent_dht_node: error: " + msg, file=sys.stderr, flush=True)
    sys.exit(code)


def loopback_ip(text, what):
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        die("%s: %r is not an IPv4 address" % (what, text))
    if ip.version != 4 or ip not in LOOPBACK:
        die("%s: %s is outside 127.0.0.0/8 (lab traffic must stay on loopback)" % (what, ip))
    return str(ip)


def port_num(text, what):
    try:
        p = int(text)
    except ValueError:
        die("%s: %r is not a port number" % (what, text))
    if not 1 <= p <= 65535:
        die("%s: port %d out of range 1..65535" % (what, p))
    return p


def endpoint(text, what):
    if text.count(":") != 1:
        die("%s: %r must be IP:PORT" % (what, text))
    host, port = text.split(":")
    return loopback_ip(host, what), port_num(port, what)


def hex40(text, what):
    if not re.fullmatch(r"[0-9a-fA-F]{40}", text or ""):
        die("%s: %r must be 40 hex characters" % (what, text))
    return text.lower()


class Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        die(message)


def parse_args(argv):
    ap = Parser(description="Real libtorrent Mainline DHT node on loopback, JSON-lines reporter.")
    ap.add_argument("--bind", required=True, help="loopback IPv4 to listen on (UDP+TCP), e.g. 127.0.0.50")
    ap.add_argument("--port", default="6881", help="listen port (default 6881)")
    ap.add_argument("--bootstrap", action="append", default=[], metavar="IP:PORT",
                    help="node to contact via session.add_dht_node(); it CAN enter the routing table. Repeatable.")
    ap.add_argument("--router", action="append", default=[], metavar="IP:PORT",
                    help="bootstrap router via the dht_bootstrap_nodes setting; libtorrent never puts "
                         "routers in its routing table. Repeatable.")
    ap.add_argument("--seconds", default="20", help="run time, then exit 0 (default 20)")
    ap.add_argument("--get-peers-every", default="2",
                    help="seconds between dht_get_peers lookups (0 = never; default 2)")
    ap.add_argument("--info-hash", default=None, metavar="HEX40",
                    help="target of the get_peers lookups (default: a fresh random hash each time)")
    ap.add_argument("--announce", default=None, metavar="HEX40",
                    help="dht_announce this info-hash (once at start, then with every lookup round)")
    ap.add_argument("--announce-port", default=None, help="port announced with --announce (default: --port)")
    ap.add_argument("--rebootstrap-every", default="2",
                    help="while the routing table is empty, re-add the --bootstrap nodes every S seconds "
                         "(libtorrent never retries a bootstrap node whose first query was lost; 0 = off; default 2)")
    ap.add_argument("--report-every", default="5",
                    help="seconds between periodic state reports (0 = only the final one; default 5)")
    ap.add_argument("--log-packets", action="store_true",
                    help="also emit every DHT datagram libtorrent sends/receives as a 'pkt' event")
    ap.add_argument("--log-dht", action="store_true", help="copy libtorrent's DHT log lines to stderr")
    a = ap.parse_args(argv)

    a.bind = loopback_ip(a.bind, "--bind")
    a.port = port_num(a.port, "--port")
    a.bootstrap = [endpoint(b, "--bootstrap") for b in a.bootstrap]
    a.router = [endpoint(b, "--router") for b in a.router]
    for name in ("seconds", "get_peers_every", "report_every", "rebootstrap_every"):
        try:
            v = float(getattr(a, name))
        except ValueError:
            die("--%s: %r is not a number" % (name.replace("_", "-"), getattr(a, name)))
        if v < 0 or v != v:
            die("--%s must be >= 0" % name.replace("_", "-"))
        setattr(a, name, v)
    if a.seconds <= 0:
        die("--seconds must be > 0")
    if a.info_hash is not None:
        a.info_hash = hex40(a.info_hash, "--info-hash")
    if a.announce is not None:
        a.announce = hex40(a.announce, "--announce")
    a.announce_port = port_num(a.announce_port, "--announce-port") if a.announce_port else a.port
    return a


def emit(obj):
    sys.stdout.write(json.dumps(obj, separators=(",", ":")) + "\n")
    sys.stdout.flush()


def main(argv):
    a = parse_args(argv)
    try:
        import libtorrent as lt
    except ImportError as e:
        die("cannot import libtorrent (%s); install python3-libtorrent and run with /usr/bin/python3" % e, 3)

    cat = lt.alert.category_t
    mask = (cat.error_notification | cat.status_notification | cat.dht_notification
            | cat.dht_operation_notification)
    if a.log_packets or a.log_dht:
        mask |= cat.dht_log_notification

    # libtorrent binds with SO_REUSEADDR, so a second instance on the same ip:port
    # would silently succeed and steal datagrams. Probe with plain sockets first.
    import socket
    for kind, name in ((socket.SOCK_DGRAM, "UDP"), (socket.SOCK_STREAM, "TCP")):
        probe = socket.socket(socket.AF_INET, kind)
        try:
            probe.bind((a.bind, a.port))
        except OSError as e:
            die("%s %s:%d is not free: %s" % (name, a.bind, a.port, e), 4)
        finally:
            probe.close()

    settings = {
        "listen_interfaces": "%s:%d" % (a.bind, a.port),
        "outgoing_interfaces": "",
        "enable_dht": True,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "enable_ip_notifier": False,
        # never the default dht.libtorrent.org:25401 router
        "dht_bootstrap_nodes": ",".join("%s:%d" % r for r in a.router),
        # lab network: every node shares 127.0.0.0/8, so switch off anti-Sybil filters
        "dht_restrict_routing_ips": False,
        "dht_restrict_search_ips": False,
        "dht_prefer_verified_node_ids": False,
        "dht_enforce_node_id": False,
        "alert_mask": int(mask),
        "alert_queue_size": 100000,
    }
    if a.announce:
        # re-announce (torrent fallback) at the lookup cadence rather than every 900 s
        settings["dht_announce_interval"] = max(1, int(a.get_peers_every or 15))
    ses = lt.session(settings)

    # belt and braces: peer-level ip filter that only admits loopback
    try:
        f = lt.ip_filter()
        f.add_rule("0.0.0.0", "255.255.255.255", 1)
        f.add_rule("127.0.0.0", "127.255.255.255", 0)
        ses.set_ip_filter(f)
    except Exception as e:  # not essential
        print("libtorrent_dht_node: warning: ip_filter not set: %s" % e, file=sys.stderr, flush=True)

    state = {
        "node_id": None,
        "listening": False,
        "live": None,       # last dht_live_nodes_alert payload
        "stats": None,      # last dht_stats_alert payload
        "peers": {},        # "ip:port" -> (ip, port)
        "incoming_announces": [],
        "lookups": 0,
        "get_peers_replies": 0,
        "rebootstrap_pending": False,
        "rebootstraps": 0,
    }
    nid_re = re.compile(r"node id: ([0-9a-f]{40})")

    def read_node_id():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                st = ses.dht_state()
                ids = st.get(b"node-id") or []
                if isinstance(ids, (bytes, bytearray)):
                    ids = [ids]
                for raw in ids:
                    if len(raw) >= 20:
                        return raw[:20].hex()
            except Exception:
                pass
        return state["node_id"]

    def handle(alert):
        if isinstance(alert, lt.listen_succeeded_alert):
            state["listening"] = True
        elif isinstance(alert, lt.listen_failed_alert):
            die("listen failed: %s" % alert.message(), 4)
        elif isinstance(alert, lt.dht_live_nodes_alert):
            nodes = []
            for n in alert.nodes:
                # binding gives {'nid': sha1_hash, 'endpoint': (ip, port)}
                nid, ep = n["nid"], n["endpoint"]
                nodes.append({"id": str(nid), "ip": ep[0], "port": int(ep[1])})
            state["live"] = {"node_id": str(alert.node_id), "nodes": nodes}
        elif isinstance(alert, lt.dht_stats_alert):
            state["stats"] = {
                "buckets": [{"num_nodes": b["num_nodes"], "num_replacements": b["num_replacements"]}
                            for b in alert.routing_table],
                "active_requests": len(alert.active_requests),
            }
            m = re.search(r"\(([0-9a-f]{40})\)", alert.message())
            if m:
                state["node_id"] = m.group(1)
            if state["rebootstrap_pending"]:
                state["rebootstrap_pending"] = False
                if sum(b["num_nodes"] for b in state["stats"]["buckets"]) == 0:
                    for ip, port in a.bootstrap:
                        ses.add_dht_node((ip, port))
                    state["rebootstraps"] += 1
                    print("libtorrent_dht_node: routing table empty, re-added %d bootstrap node(s)"
                          % len(a.bootstrap), file=sys.stderr, flush=True)
        elif isinstance(alert, lt.dht_get_peers_reply_alert):
            state["get_peers_replies"] += 1
            for ip, port in alert.peers():
                state["peers"]["%s:%d" % (ip, port)] = (ip, int(port))
        elif isinstance(alert, lt.dht_announce_alert):
            ev = {"event": "incoming_announce", "info_hash": str(alert.info_hash),
                  "ip": str(alert.ip), "port": int(alert.port)}
            state["incoming_announces"].append(ev)
            emit(ev)
        elif isinstance(alert, lt.dht_pkt_alert):
            if a.log_packets:
                msg = alert.message()  # e.g. "==> [127.0.0.70:7000] { 'a': { 'id': ..."
                direction = "in" if msg.startswith("<==") else "out" if msg.startswith("==>") else "?"
                m = re.match(r"(?:<==|==>)\s+\[?([0-9.]+|[0-9a-fA-F:]+)\]?:(\d+)", msg)
                emit({"event": "pkt", "dir": direction,
                      "ip": m.group(1) if m else None, "port": int(m.group(2)) if m else None,
                      "hex": bytes(alert.pkt_buf).hex()})
        elif isinstance(alert, lt.dht_log_alert):
            msg = alert.message()
            m = nid_re.search(msg)
            if m:
                state["node_id"] = m.group(1)
            if a.log_dht:
                print("dht: " + msg, file=sys.stderr, flush=True)
        elif a.log_dht and isinstance(alert, lt.dht_bootstrap_alert):
            print("dht: " + alert.message(), file=sys.stderr, flush=True)

    def pump(timeout=0.1):
        ses.wait_for_alert(int(timeout * 1000))
        for al in ses.pop_alerts():
            handle(al)

    def report(final=False):
        nid = read_node_id()
        state["node_id"] = nid
        state["live"] = None
        state["stats"] = None
        if nid:
            ses.dht_live_nodes(lt.sha1_hash(bytes.fromhex(nid)))
        ses.post_dht_stats()
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline and (state["live"] is None or state["stats"] is None):
            pump(0.05)
        live = state["live"] or {"nodes": []}
        stats = state["stats"] or {"buckets": [], "active_requests": 0}
        emit({
            "event": "state",
            "final": final,
            "t": round(time.monotonic() - t0, 3),
            "bind": a.bind,
            "port": a.port,
            "node_id": nid,
            "routing_table": live["nodes"],
            "dht_nodes": sum(b["num_nodes"] for b in stats["buckets"]),
            "replacements": sum(b["num_replacements"] for b in stats["buckets"]),
            "buckets": stats["buckets"],
            "peers_found": [{"ip": ip, "port": p} for ip, p in state["peers"].values()],
            "lookups": state["lookups"],
            "get_peers_replies": state["get_peers_replies"],
            "incoming_announces": len(state["incoming_announces"]),
            "rebootstraps": state["rebootstraps"],
        })

    t0 = time.monotonic()
    # wait for the listen socket (and the DHT node bound to it)
    while time.monotonic() - t0 < 5 and not (state["listening"] and read_node_id()):
        pump(0.1)
    if not state["listening"]:
        die("libtorrent did not report listening on %s:%d within 5s" % (a.bind, a.port), 4)
    state["node_id"] = read_node_id()
    emit({"event": "ready", "node_id": state["node_id"], "bind": a.bind, "port": a.port,
          "pid": os.getpid(), "libtorrent": lt.__version__})

    for ip, port in a.bootstrap:
        ses.add_dht_node((ip, port))

    # --- announce -----------------------------------------------------------
    # libtorrent 2.0.8's Python binding has no converter for dht::announce_flags_t,
    # so session.dht_announce() always raises Boost.Python.ArgumentError
    # (arvidn/libtorrent issue #7441, fixed by PR #7443 in later releases).
    # Fallback: add a metadata-less torrent with that info-hash (no trackers,
    # upload mode, private tmp save_path). libtorrent then announces it to the DHT
    # itself (get_peers + announce_peer) -- but with the session listen port,
    # not --announce-port, and only every dht_announce_interval seconds.
    announce_mode = {"mode": None}

    def do_announce():
        ih = lt.sha1_hash(bytes.fromhex(a.announce))
        if announce_mode["mode"] in (None, "dht_announce"):
            try:
                ses.dht_announce(ih, a.announce_port, 0)
                announce_mode["mode"] = "dht_announce"
                return
            except Exception as e:  # Boost.Python.ArgumentError on 2.0.8
                if announce_mode["mode"] == "dht_announce":
                    raise
                print("libtorrent_dht_node: warning: session.dht_announce unusable in this binding "
                      "(%s: libtorrent issue #7441); falling back to a metadata-less torrent announced on port %d"
                      % (type(e).__name__, a.port), file=sys.stderr, flush=True)
        if announce_mode["mode"] is None:
            import tempfile
            atp = lt.add_torrent_params()
            atp.info_hash = ih
            atp.name = "interop-" + a.announce[:8]
            atp.save_path = tempfile.mkdtemp(prefix="lt-dht-announce-")
            atp.flags = (lt.torrent_flags.upload_mode | lt.torrent_flags.disable_lsd
                         | lt.torrent_flags.disable_pex)
            ses.add_torrent(atp)
            announce_mode["mode"] = "torrent"
            emit({"event": "announce_mode", "mode": "torrent", "info_hash": a.announce,
                  "announced_port": a.port})

    def lookup_round():
        target = a.info_hash or os.urandom(20).hex()
        ses.dht_get_peers(lt.sha1_hash(bytes.fromhex(target)))
        state["lookups"] += 1
        if a.announce and announce_mode["mode"] != "torrent":
            do_announce()

    if a.announce:
        do_announce()

    # SIGTERM (e.g. Process.destroy() from a JUnit test) -> final report, exit 0
    import signal

    def on_term(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)

    end = t0 + a.seconds
    next_lookup = time.monotonic() if a.get_peers_every else float("inf")
    next_report = time.monotonic() + a.report_every if a.report_every else float("inf")
    next_rebootstrap = (time.monotonic() + a.rebootstrap_every
                        if a.rebootstrap_every and a.bootstrap else float("inf"))
    try:
        while True:
            now = time.monotonic()
            if now >= end:
                break
            if now >= next_lookup:
                lookup_round()
                next_lookup = now + a.get_peers_every
            if now >= next_rebootstrap:
                state["rebootstrap_pending"] = True
                ses.post_dht_stats()
                next_rebootstrap = now + a.rebootstrap_every
            if now >= next_report:
                report(False)
                next_report = time.monotonic() + a.report_every
            pump(min(0.25, max(0.01, end - now)))
        report(True)
    except KeyboardInterrupt:
        report(True)
    finally:
        try:
            ses.pause()
        except Exception:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
