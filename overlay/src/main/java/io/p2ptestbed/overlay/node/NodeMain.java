package io.p2ptestbed.overlay.node;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.KademliaProtocol;
import io.p2ptestbed.overlay.spi.OverlayProtocol;
import io.p2ptestbed.overlay.spi.ProtocolParams;
import io.p2ptestbed.overlay.spi.Protocols;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Security;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Command-line entry point of one overlay node on a real UDP socket (the container image runs this), of any
 * protocol in the registry ({@link Protocols}): {@code --protocol chord --param NAME=VALUE ...}; Kademlia
 * (BEP 5 Mainline DHT) by default, with {@code --k}/{@code --alpha} as its short forms.
 *
 * <p>Stdout protocol, one line each: {@code READY <idhex> <ip:port>} once the socket is bound and the
 * node answers queries; {@code CONFIG seed=<seed> ...} right after it (the seed replays the node);
 * {@code JOINED table=<n>} after the first join that found neighbours (or at
 * once without {@code --bootstrap}); {@code STATS ...} every {@code --log-every} seconds;
 * {@code STOPPED ...} on shutdown (SIGTERM runs the shutdown hook). Bad arguments print a message to
 * stderr and exit with code 2; a node that cannot start (port in use) exits with code 1.
 */
@Command(name = "overlay-node", mixinStandardHelpOptions = true, version = "overlay-node 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs one overlay node on a real UDP socket until SIGTERM: Kademlia (BEP 5 Mainline DHT) by "
                + "default, or any other registered protocol (--protocol NAME, see --protocols)."})
public final class NodeMain {

    /** Exit code for bad command-line arguments. */
    public static final int EXIT_USAGE = CommandLine.ExitCode.USAGE;
    /** Exit code when the node cannot start. */
    public static final int EXIT_START_FAILED = 1;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "IPV4",
            description = "IPv4 address to bind (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "6881", paramLabel = "PORT",
            description = "UDP port, 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Seed node to join through; repeatable. HOST is an IPv4 address or a name.")
    List<String> bootstrap = new ArrayList<>();

    @Option(names = "--protocol", defaultValue = KademliaProtocol.NAME, paramLabel = "NAME",
            description = "Overlay protocol, by its registered name (default: ${DEFAULT-VALUE}; --protocols lists them).")
    String protocol;

    @Option(names = "--param", paramLabel = "NAME=VALUE",
            description = "A parameter of the protocol; repeatable. Unknown names and bad values are refused.")
    List<String> params = new ArrayList<>();

    @Option(names = "--k", paramLabel = "K", description = "Kademlia only: bucket size, short for --param k=K (default: 8).")
    Integer k;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Kademlia only: lookup parallelism, short for --param alpha=A (default: 3).")
    Integer alpha;

    @Option(names = "--defences", paramLabel = "SPEC",
            description = "Defences installed at start (default: none). Kademlia: its defence set, e.g. "
                    + "rate-limit(ip=5/s),ip-diversity; other overlays: the neutral defences "
                    + "rate-limit(ip, burst, global, global-burst), ip-diversity(table, prefix), if they offer Guards.")
    String defences;

    @Option(names = "--lab", paramLabel = "CIDR", defaultValue = NodeSettings.LOOPBACK_LAB,
            description = "Stream overlays (TCP): the only network their connections may go to, besides 127.0.0.0/8; "
                    + "the container runtimes pass their lab network (default: ${DEFAULT-VALUE}).")
    String lab;

    @Option(names = "--protocols", description = "List the registered protocols and their parameters, then exit.")
    boolean listProtocols;

    @Option(names = "--seed", paramLabel = "LONG",
            description = "Seed of the node id and all randomness (default: derived from bind address and port).")
    Long seed;

    @Option(names = "--id", paramLabel = "HEX40",
            description = "Fixed node id: 40 hex digits, the 160-bit id space every overlay here uses (overrides the seed's id).")
    String idHex;

    @Option(names = "--log-every", defaultValue = "30", paramLabel = "SECONDS",
            description = "Print a STATS line every SECONDS, 0 to disable (default: ${DEFAULT-VALUE}).")
    long logEverySeconds;

    /** What {@link #launch} did: started a node, or finished with an exit code (help, version, bad arguments). */
    public sealed interface Launch {
        record Started(RunningNode node) implements Launch {}

        record Exit(int code) implements Launch {}
    }

    public static void main(String[] args) {
        // Containers address peers by name at start-up; never cache "no such host" (see MACHINE-NOTES).
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
        Launch launch = launch(args, System.out, System.err);
        if (launch instanceof Launch.Exit exit) {
            System.out.flush();
            System.exit(exit.code());
        }
        RunningNode node = ((Launch.Started) launch).node();
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "overlay-node-shutdown"));
        node.awaitClosed();
    }

    /**
     * Parses {@code args}, then binds and starts the node. Returns once {@code READY} is printed;
     * the caller owns the node and must {@link RunningNode#close() close} it.
     */
    public static Launch launch(String[] args, PrintStream out, PrintStream err) {
        return launch(args, out, err, RunningNode.TransportDecorator.NONE);
    }

    /** As {@link #launch(String[], PrintStream, PrintStream)}, with the node's transport wrapped by {@code decorator}. */
    public static Launch launch(String[] args, PrintStream out, PrintStream err, RunningNode.TransportDecorator decorator) {
        NodeMain options = new NodeMain();
        CommandLine cmd = new CommandLine(options);
        NodeSettings settings;
        try {
            cmd.parseArgs(args);
            if (cmd.isUsageHelpRequested()) {
                cmd.usage(out);
                return new Launch.Exit(CommandLine.ExitCode.OK);
            }
            if (cmd.isVersionHelpRequested()) {
                cmd.printVersionHelp(out);
                return new Launch.Exit(CommandLine.ExitCode.OK);
            }
            if (options.listProtocols) {
                printProtocols(out);
                return new Launch.Exit(CommandLine.ExitCode.OK);
            }
            settings = options.toSettings(cmd);
        } catch (ParameterException e) {
            err.println("overlay-node: " + e.getMessage());
            err.println("Run with --help for usage.");
            return new Launch.Exit(EXIT_USAGE);
        }
        try {
            return new Launch.Started(RunningNode.start(settings, out, err, decorator));
        } catch (UnsupportedCapabilityException e) {
            err.println("overlay-node: --defences: " + e.getMessage());
            err.println("Run with --help for usage.");
            return new Launch.Exit(EXIT_USAGE);
        } catch (Exception e) {
            err.println("overlay-node: cannot start on " + settings.bind() + ": " + e);
            return new Launch.Exit(EXIT_START_FAILED);
        }
    }

    /** Parses the arguments into settings without starting anything; bad arguments throw {@link ParameterException}. */
    public static NodeSettings parse(String... args) {
        NodeMain options = new NodeMain();
        CommandLine cmd = new CommandLine(options);
        cmd.parseArgs(args);
        return options.toSettings(cmd);
    }

    private NodeSettings toSettings(CommandLine cmd) {
        if (port < 0 || port > 0xFFFF) {
            throw new ParameterException(cmd, "--port must be in 0..65535, got " + port);
        }
        int ip;
        try {
            ip = parseIpv4(bind);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--bind: " + e.getMessage());
        }
        NodeAddress bindAddress = new NodeAddress(ip, port);
        List<NodeAddress> seeds = new ArrayList<>();
        for (String b : bootstrap) {
            seeds.add(resolveSeed(cmd, b));
        }
        ProtocolParams protocolParams = protocolParams(cmd);
        String defenceSpec = defenceSpec(cmd, protocolParams.protocol());
        NodeId fixedId = null;
        if (idHex != null) {
            try {
                fixedId = NodeId.fromHex(idHex);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd, "--id must be 40 hex digits, got '" + idHex + "'");
            }
        }
        if (seed == null && fixedId == null && (ip == 0 || port == 0)) {
            throw new ParameterException(cmd, "--bind 0.0.0.0 and --port 0 need --seed or --id: "
                    + "the default seed derives from the bind address, so every such node would get the same id");
        }
        if (logEverySeconds < 0) {
            throw new ParameterException(cmd, "--log-every must be >= 0 seconds, got " + logEverySeconds);
        }
        try {
            Ipv4Cidr.parse(lab);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--lab: " + e.getMessage());
        }
        long s = seed != null ? seed : NodeSettings.defaultSeed(bindAddress);
        return new NodeSettings(bindAddress, seeds, protocolParams, s, fixedId, logEverySeconds, defenceSpec, lab);
    }

    /** The protocol and its parameters: {@code --param}s, plus {@code --k}/{@code --alpha} for Kademlia. */
    private ProtocolParams protocolParams(CommandLine cmd) {
        OverlayProtocol p;
        try {
            p = Protocols.get(protocol);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--protocol: " + e.getMessage());
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String kv : params) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(cmd, "--param expects NAME=VALUE, got '" + kv + "'");
            }
            String name = kv.substring(0, eq).trim();
            if (given.put(name, kv.substring(eq + 1)) != null) {
                throw new ParameterException(cmd, "--param " + name + " is given twice");
            }
        }
        Map<String, Integer> shortForms = new LinkedHashMap<>();
        if (k != null) {
            shortForms.put("k", k);
        }
        if (alpha != null) {
            shortForms.put("alpha", alpha);
        }
        for (Map.Entry<String, Integer> e : shortForms.entrySet()) {
            String option = "--" + e.getKey();
            if (!p.name().equals(KademliaProtocol.NAME)) {
                throw new ParameterException(cmd, option + " is a Kademlia option; the " + p.name() + " overlay takes "
                        + "--param NAME=VALUE with NAME one of: " + String.join(", ", new java.util.TreeSet<>(p.defaults().keySet())));
            }
            if (given.containsKey(e.getKey())) {
                throw new ParameterException(cmd, option + " and --param " + e.getKey() + "=... both given; use one");
            }
            given.put(e.getKey(), Integer.toString(e.getValue()));
        }
        try {
            return p.params(given);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            for (String name : shortForms.keySet()) {
                m = m.replace("parameter '" + name + "' of protocol " + p.name(), "--" + name);
            }
            throw new ParameterException(cmd, m.startsWith("--") ? m : "--param: " + m);
        }
    }

    /**
     * The canonical defence spec, or "none": Kademlia's defence set ({@code DefenceSet}), or on any other
     * overlay the neutral defences ({@code GuardSet}: rate-limit, ip-diversity), which need the overlay to offer
     * {@code Guards} (checked at start).
     */
    private String defenceSpec(CommandLine cmd, String protocolName) {
        if (defences == null) {
            return "none";
        }
        try {
            return canonicalDefences(protocolName, defences);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, "--defences: " + e.getMessage());
        }
    }

    /** The canonical spec of {@code spec} for the protocol; an {@link IllegalArgumentException} naming what is wrong. */
    public static String canonicalDefences(String protocolName, String spec) {
        return io.p2ptestbed.overlay.guard.Defences.parse(protocolName, spec).spec();
    }

    private static void printProtocols(PrintStream out) {
        for (String name : Protocols.names()) {
            OverlayProtocol p = Protocols.get(name);
            out.println(name + " (" + p.keySpace().name() + "): " + p.description());
            p.defaults().forEach((n, v) -> out.println("  --param " + n + "=" + v));
        }
    }

    private static NodeAddress resolveSeed(CommandLine cmd, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new ParameterException(cmd, "--bootstrap expects HOST:PORT, got '" + hostPort + "'");
        }
        String host = hostPort.substring(0, colon);
        int seedPort;
        try {
            seedPort = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            seedPort = -1;
        }
        if (seedPort < 1 || seedPort > 0xFFFF) {
            throw new ParameterException(cmd, "--bootstrap port must be in 1..65535 in '" + hostPort + "'");
        }
        try {
            return new NodeAddress(parseIpv4(host), seedPort);
        } catch (IllegalArgumentException notALiteral) {
            try {
                for (InetAddress a : InetAddress.getAllByName(host)) {
                    if (a instanceof Inet4Address) {
                        return NodeAddress.from(new InetSocketAddress(a, seedPort));
                    }
                }
                throw new ParameterException(cmd, "--bootstrap host '" + host + "' has no IPv4 address");
            } catch (UnknownHostException e) {
                throw new ParameterException(cmd, "--bootstrap host '" + host + "' cannot be resolved");
            }
        }
    }

    /** Strict dotted-quad parser: four decimal octets 0..255, digits only. */
    static int parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("expected a dotted IPv4 address, got '" + s + "'");
        }
        int ip = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("expected a dotted IPv4 address, got '" + s + "'");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("IPv4 octet out of range in '" + s + "'");
            }
            ip = (ip << 8) | v;
        }
        return ip;
    }
}
