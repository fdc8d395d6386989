package io.p2ptestbed.harness.bitcoin;

import io.p2ptestbed.adversary.bitcoin.BitcoinSybil;
import io.p2ptestbed.harness.docker.AttackerHosts;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.overlay.bitcoin.BitcoinConfig;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.node.control.Fields;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Heilman et al.'s eclipse in containers: the victims are node containers read and restarted through their control
 * interface ({@code GET /v1/peers}, {@code GET /v1/bitcoin/addrman}, {@code POST /v1/restart}), the attacker's addresses a
 * botnet over the lab network's honest /24s ({@code SubnetPlan.botnet}: hosts .100-.199, never an honest container's)
 * carried by an attacker container, each a TCP stream endpoint there running the unchanged {@link BitcoinSybil}, and
 * its trash at hosts .200-.253, where nothing listens. The nodes' network groups must be /24s ({@code groupBits} 24):
 * the lab is one /16.
 */
public final class DockerBitcoin {

    /** The port the attacker's addresses listen on. */
    static final int SYBIL_PORT = 8333;

    private DockerBitcoin() {}

    /** A node container as the attack's victim. */
    public static HeilmanEclipse.Victim victim(DockerNode n) {
        return new HeilmanEclipse.Victim() {
            public NodeAddress address() {
                return n.address();
            }

            public int index() {
                return n.index();
            }

            public List<NodeAddress> outboundPeers() {
                return addresses(n.control().call("GET", "peers", n.slot(), null), "outbound");
            }

            public List<NodeAddress> tried() {
                Fields f = n.control().call("GET", "bitcoin/addrman?table=tried", n.slot(), null);
                List<NodeAddress> out = new ArrayList<>();
                for (Object e : Fields.list(f.get("entries"), "entries")) {
                    out.add(Fields.of(e, "entry").address("address"));
                }
                return out;
            }

            public void restart(long downMillis, long skipSeconds) {
                n.control().call("POST", "restart", n.slot(), Map.of("downMillis", downMillis, "skipSeconds", skipSeconds));
            }
        };
    }

    private static List<NodeAddress> addresses(Fields f, String name) {
        List<NodeAddress> out = new ArrayList<>();
        for (Object o : Fields.list(f.get(name), name)) {
            out.add(NodeAddress.parse((String) o));
        }
        return out;
    }

    /**
     * Runs the attack on {@code victims} of a running docker network, scaled to the wall clock as on loopback
     * ({@code setup}: {@link HeilmanEclipse.Setup#realTime}); refuses an infrastructure attacker (groups) and /16 groups.
     */
    public static HeilmanEclipse.Attack attack(DockerRuntime rt, List<DockerNode> victims, int t, HeilmanEclipse.Setup setup) {
        BitcoinConfig config = BitcoinConfig.of(rt.scenario().protocol());
        if (config.groupBits() != 24) {
            throw new IllegalArgumentException("Heilman's eclipse in containers needs /24 network groups (the overlay parameter "
                    + "groupBits is 24): every container sits in the lab network's one /16, got groupBits " + config.groupBits());
        }
        if (setup.groups() != 0) {
            throw new IllegalArgumentException("in containers the attacker is a botnet over the lab's /24s (groups 0), got "
                    + setup.groups() + " groups");
        }
        AttackerHosts hosts = rt.attackers();
        io.p2ptestbed.harness.Seeds seeds = new io.p2ptestbed.harness.Seeds(rt.scenario().seed());
        HeilmanEclipse.Lab lab = new HeilmanEclipse.Lab() {
            public List<NodeAddress> addresses(int n, int groups) {
                List<NodeAddress> a = rt.plan().botnet(n, SYBIL_PORT);
                hosts.bindAll(a);
                return a;
            }

            public List<NodeAddress> trash(int i, int round, int n) {
                return rt.plan().trash(i, round, n, SYBIL_PORT);
            }

            public BitcoinSybil boot(int i, NodeAddress a) {
                BitcoinSybil y = new BitcoinSybil(a, hosts.openStreams(a, StreamLimits.DEFAULT), hosts.scheduler(),
                        seeds.stream("heilman-sybil", i), hosts.guard());
                hosts.scheduler().execute(y::start);
                return y;
            }

            public void hold(BitcoinSybil y, NodeAddress victim) {
                hosts.scheduler().execute(() -> y.hold(victim));
            }

            public void advance(long millis) {
                rt.advance(millis);
            }

            public long nowMillis() {
                return rt.nowMillis();
            }
        };
        return HeilmanEclipse.attack(lab, config, victims.stream().map(DockerBitcoin::victim).toList(), t, setup);
    }

    /** The attack's outcome on the victims now (as {@link HeilmanEclipse#measure}). */
    public static HeilmanEclipse.Point measure(String defence, int t, List<DockerNode> victims, java.util.Set<NodeAddress> attacker) {
        return HeilmanEclipse.measure(defence, t, victims.stream().map(DockerBitcoin::victim).toList(), attacker);
    }
}
