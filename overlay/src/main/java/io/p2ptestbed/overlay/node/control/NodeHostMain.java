package io.p2ptestbed.overlay.node.control;

import io.p2ptestbed.overlay.node.Ipv4Cidr;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of a node container: {@code --nodes M} nodes of the node main ({@code NodeMain}), on UDP
 * ports {@code port-base .. port-base+M-1}, behind one control interface ({@link ControlServer}).
 * Everything after {@code --} is passed to every node unchanged ({@code --protocol}, {@code --param},
 * {@code --bind}, {@code --bootstrap}, {@code --k}...); this main adds {@code --port}, and
 * {@code --id}/{@code --seed} from its lists. A node never bootstraps through its own address, so the first
 * container can list itself as the seed. The node arguments are checked before anything starts: bad ones
 * exit with code 2 and the node main's message.
 *
 * <p>Stdout: the nodes' own lines ({@code READY}, {@code CONFIG}, {@code JOINED}...), then
 * {@code CONTROL <ip:port> nodes=M api=v1} once the interface is up, then {@code HOST-JOINED nodes=M}
 * once every node has joined.
 */
@Command(name = "node-host", mixinStandardHelpOptions = true, version = "node-host 0.1.0 (control API v1)",
        sortOptions = false, description = "Runs M overlay nodes (any protocol: -- --protocol NAME) in one process behind "
        + "the JSON control interface.")
public final class NodeHostMain {

    @Option(names = "--nodes", defaultValue = "1", description = "Nodes in this process (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--port-base", defaultValue = "6881", description = "UDP port of node 0 (default: ${DEFAULT-VALUE}).")
    int portBase;

    @Option(names = "--control-port", defaultValue = "7000", description = "TCP port of the control interface (default: ${DEFAULT-VALUE}).")
    int controlPort;

    @Option(names = "--control-bind", defaultValue = "0.0.0.0", description = "Address of the control interface (default: ${DEFAULT-VALUE}).")
    String controlBind;

    @Option(names = "--ids", split = ",", paramLabel = "HEX40",
            description = "One node id per node: 40 hex digits, the 160-bit id space of every overlay.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--seeds", split = ",", paramLabel = "LONG", description = "One seed per node.")
    List<Long> seeds = new ArrayList<>();

    @Option(names = "--defences", paramLabel = "SPEC",
            description = "Defences installed on every node at start: Kademlia's defence set, or the neutral defences "
                    + "(rate-limit, ip-diversity) on other overlays that offer Guards.")
    String defences;

    @Option(names = "--faults", paramLabel = "JSON",
            description = "Transport fault rules in place before the nodes start (so their joins already meet them): "
                    + "{\"nodes\":[{\"rules\":[...]}, ...]}, one entry per node, each as POST /v1/faults takes it "
                    + "(the shape GET /v1/faults?node=all answers).")
    String faults;

    /** The rules of {@code --faults}, one list per node; parsed and checked with the other arguments. */
    List<List<FaultRule>> initialFaults = List.of();

    @Option(names = "--malice", paramLabel = "JSON",
            description = "Malice switched on as the nodes start, before their first datagram (attackers from their first "
                    + "join): {\"nodes\":[{\"mode\":NAME,\"colluders\":[{\"id\":HEX40,\"address\":\"ip:port\"}...]}, {}, ...]}, "
                    + "one entry per node ({} for an honest one), each as POST /v1/malice takes it.")
    String malice;

    /** The entries of {@code --malice}, one per node (null: honest); parsed and checked with the other arguments. */
    List<NodeHost.StartMalice> initialMalice = List.of();

    @Option(names = "--slot-env", paramLabel = "NAME",
            description = "A Swarm service's tasks share one command line: this environment variable holds the task's "
                    + "slot (1, 2, ...; e.g. set from {{.Task.Slot}}), and --ids/--seeds then hold nodes \u00d7 slots entries, "
                    + "of which slot s takes entries (s-1)\u00b7nodes .. s\u00b7nodes-1.")
    String slotEnv;

    @Option(names = "--bind-subnet", paramLabel = "CIDR",
            description = "Bind the nodes to this host's address in CIDR (an overlay network's subnet, where the address "
                    + "is assigned at start); instead of --bind after --.")
    String bindSubnet;

    @Option(names = "--train", description = "Exercise the control interface once the nodes run, then exit: a training "
            + "run for a class-data-sharing archive (-XX:ArchiveClassesAtExit), which makes container start-up cheaper.")
    boolean train;

    @Parameters(paramLabel = "NODE-ARGS", description = "Arguments of every node (after --).")
    List<String> nodeArgs = new ArrayList<>();

    public static void main(String[] args) {
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        NodeHostMain m = new NodeHostMain();
        CommandLine cmd = new CommandLine(m);
        List<String[]> perNode;
        try {
            cmd.parseArgs(args);
            if (cmd.isUsageHelpRequested() || cmd.isVersionHelpRequested()) {
                if (cmd.isUsageHelpRequested()) {
                    cmd.usage(System.out);
                } else {
                    cmd.printVersionHelp(System.out);
                }
                return;
            }
            perNode = m.nodeArgs(cmd);
        } catch (ParameterException e) {
            System.err.println("node-host: " + e.getMessage());
            System.exit(CommandLine.ExitCode.USAGE);
            return;
        }
        System.exit(m.run(perNode, System.out, System.err));
    }

    /** The argument list of each node. */
    List<String[]> nodeArgs(CommandLine cmd) {
        if (nodes < 1 || nodes > 1024) {
            throw new ParameterException(cmd, "--nodes must be in [1, 1024], got " + nodes);
        }
        if (portBase < 1 || portBase + nodes - 1 > 0xFFFF) {
            throw new ParameterException(cmd, "--port-base leaves no room for " + nodes + " ports");
        }
        if (slotEnv != null) {
            takeSlot(cmd, System.getenv(slotEnv));
        }
        if (bindSubnet != null) {
            if (valueOf("--bind", null) != null) {
                throw new ParameterException(cmd, "--bind-subnet and --bind (after --) exclude each other");
            }
            nodeArgs.add("--bind");
            nodeArgs.add(addressIn(cmd, bindSubnet));
        }
        if (!ids.isEmpty() && ids.size() != nodes || !seeds.isEmpty() && seeds.size() != nodes) {
            throw new ParameterException(cmd, "--ids and --seeds need exactly one entry per node (" + nodes + ")");
        }
        for (String a : nodeArgs) {
            if (a.equals("--port") || a.equals("--id") || a.equals("--seed") || a.startsWith("--port=")
                    || a.startsWith("--id=") || a.startsWith("--seed=")) {
                throw new ParameterException(cmd, a + " is set per node by node-host; use --port-base, --ids or --seeds");
            }
        }
        if (defences != null) {
            try {
                defences = io.p2ptestbed.overlay.node.NodeMain.canonicalDefences(
                        valueOf("--protocol", io.p2ptestbed.overlay.kademlia.KademliaProtocol.NAME).trim()
                                .toLowerCase(java.util.Locale.ROOT), defences);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, "--defences: " + e.getMessage());
            }
        }
        initialFaults = faults == null ? List.of() : parseFaults(cmd, faults, nodes);
        initialMalice = malice == null ? List.of()
                : parseMalice(cmd, malice, nodes, valueOf("--protocol", io.p2ptestbed.overlay.kademlia.KademliaProtocol.NAME));
        String bind = valueOf("--bind", "127.0.0.1");
        List<String[]> out = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            int port = portBase + i;
            String self = bind + ":" + port;
            List<String> a = new ArrayList<>();
            for (int j = 0; j < nodeArgs.size(); j++) {
                String x = nodeArgs.get(j);
                if (x.equals("--bootstrap") && j + 1 < nodeArgs.size() && nodeArgs.get(j + 1).equals(self)) {
                    j++;
                    continue;
                }
                a.add(x);
            }
            a.add("--port");
            a.add(Integer.toString(port));
            if (!ids.isEmpty()) {
                a.add("--id");
                a.add(ids.get(i));
            }
            if (!seeds.isEmpty()) {
                a.add("--seed");
                a.add(Long.toString(seeds.get(i)));
            }
            if (defences != null) {
                a.add("--defences");
                a.add(defences);
            }
            out.add(a.toArray(String[]::new));
        }
        for (String[] a : out) {
            try {
                io.p2ptestbed.overlay.node.NodeMain.parse(a);
            } catch (ParameterException e) {
                throw new ParameterException(cmd, "node arguments: " + e.getMessage());
            }
        }
        return out;
    }

    /** The entries of {@code {"nodes":[...]}}, exactly one per node, or a refusal naming {@code option}. */
    private static List<Object> perNode(CommandLine cmd, String option, String json, int nodes) {
        Fields f = Fields.of(Json.parse(json), option);
        f.onlyKnown("nodes");
        List<Object> perNode = Fields.list(f.get("nodes"), "nodes");
        if (perNode.size() != nodes) {
            throw new ParameterException(cmd, option + ": 'nodes' needs exactly one entry per node (" + nodes + "), got "
                    + perNode.size());
        }
        return perNode;
    }

    /** {@code {"nodes":[{"rules":[...]}, ...]}} with exactly one entry per node; a clear refusal naming what is wrong. */
    static List<List<FaultRule>> parseFaults(CommandLine cmd, String json, int nodes) {
        try {
            List<Object> perNode = perNode(cmd, "--faults", json, nodes);
            List<List<FaultRule>> out = new ArrayList<>();
            for (Object o : perNode) {
                out.add(ControlJson.toFaultRules(o));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--faults: " + e.getMessage());
        }
    }

    /**
     * {@code {"nodes":[{"mode":..., "colluders":[...]}, {}, ...]}} with exactly one entry per node, each mode one of the
     * overlay's registered {@link NodeMalice}; a clear refusal naming what is wrong.
     */
    static List<NodeHost.StartMalice> parseMalice(CommandLine cmd, String json, int nodes, String protocol) {
        String proto = protocol.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            List<Object> perNode = perNode(cmd, "--malice", json, nodes);
            List<NodeHost.StartMalice> out = new ArrayList<>();
            for (int i = 0; i < perNode.size(); i++) {
                Fields e = Fields.of(perNode.get(i), "--malice entry of node " + i);
                e.onlyKnown("mode", "colluders");
                if (!e.has("mode")) {
                    if (e.has("colluders")) {
                        throw new ParameterException(cmd, "--malice: node " + i + " names colluders but no 'mode'");
                    }
                    out.add(null);
                    continue;
                }
                String mode = e.string("mode");
                int node = i;
                NodeMalice m = NodeMalice.forProtocol(proto).orElseThrow(() -> new ParameterException(cmd, "--malice: the "
                        + proto + " overlay has no node malice on this host's class path (node " + node + " asks for '" + mode
                        + "')"));
                m.check(mode);
                out.add(new NodeHost.StartMalice(mode, e.has("colluders")
                        ? ControlJson.toContacts(e.get("colluders"), "colluders of node " + i) : List.of()));
            }
            return out;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--malice: " + e.getMessage());
        }
    }

    /** Keeps the --ids and --seeds entries of task slot {@code slotValue} (1-based). */
    void takeSlot(CommandLine cmd, String slotValue) {
        int slot;
        try {
            slot = Integer.parseInt(slotValue == null ? "" : slotValue.trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(cmd, "--slot-env " + slotEnv + ": the variable must hold a task slot (1, 2, ...), got "
                    + (slotValue == null ? "nothing (unset)" : "'" + slotValue + "'"));
        }
        int from = (slot - 1) * nodes;
        if (slot < 1 || !ids.isEmpty() && from + nodes > ids.size() || !seeds.isEmpty() && from + nodes > seeds.size()) {
            throw new ParameterException(cmd, "--slot-env " + slotEnv + "=" + slot + ": --ids/--seeds hold "
                    + Math.max(ids.size(), seeds.size()) + " entries, not enough for slot " + slot + " of " + nodes + " nodes each");
        }
        if (!ids.isEmpty()) {
            ids = new ArrayList<>(ids.subList(from, from + nodes));
        }
        if (!seeds.isEmpty()) {
            seeds = new ArrayList<>(seeds.subList(from, from + nodes));
        }
    }

    /** This host's IPv4 address inside {@code cidr} (a.b.c.d/n). */
    static String addressIn(CommandLine cmd, String cidr) {
        Ipv4Cidr subnet;
        try {
            subnet = Ipv4Cidr.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--bind-subnet " + e.getMessage());
        }
        List<String> seen = new ArrayList<>();
        try {
            for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InetAddress a : java.util.Collections.list(nif.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) {
                        seen.add(a.getHostAddress());
                        if (subnet.contains(Ipv4Cidr.ipv4(a.getAddress()))) {
                            return a.getHostAddress();
                        }
                    }
                }
            }
        } catch (java.net.SocketException e) {
            throw new ParameterException(cmd, "--bind-subnet: cannot list network interfaces: " + e.getMessage());
        }
        throw new ParameterException(cmd, "--bind-subnet " + cidr + ": this host has no address in it (it has " + seen + ")");
    }

    private String valueOf(String option, String dflt) {
        for (int j = 0; j + 1 < nodeArgs.size(); j++) {
            if (nodeArgs.get(j).equals(option)) {
                return nodeArgs.get(j + 1);
            }
        }
        return dflt;
    }

    /** The nodes of {@code perNode}, not yet started, with the rules of {@code --faults} in place. */
    NodeHost newHost(List<String[]> perNode, PrintStream out, PrintStream err) {
        NodeHost host = new NodeHost(perNode, out, err);
        for (int i = 0; i < initialFaults.size(); i++) {
            host.setFaults(i, initialFaults.get(i));
        }
        for (int i = 0; i < initialMalice.size(); i++) {
            host.setMaliceAtStart(i, initialMalice.get(i));
        }
        return host;
    }

    int run(List<String[]> perNode, PrintStream out, PrintStream err) {
        NodeHost host = newHost(perNode, out, err);
        CountDownLatch exit = new CountDownLatch(1);
        ControlServer server;
        try {
            host.startAll();
            server = ControlServer.start(host, new InetSocketAddress(controlBind, controlPort), exit::countDown);
        } catch (Exception e) {
            err.println("node-host: cannot start: " + e.getMessage());
            host.close();
            return 1;
        }
        out.println("CONTROL " + controlBind + ":" + server.address().getPort() + " nodes=" + host.size() + " api=v"
                + ControlJson.VERSION);
        out.flush();
        host.allJoined().thenRun(() -> {
            out.println("HOST-JOINED nodes=" + host.size());
            out.flush();
        });
        if (train) {
            int code = ControlTraining.exercise(server.address().getPort(), host.running(0).address().toString(), err);
            server.close();
            host.close();
            return code;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            host.close();
        }, "node-host-shutdown"));
        boolean interrupted = false;
        while (true) {
            try {
                exit.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
