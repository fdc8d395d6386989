package io.p2ptestbed.overlay.node;

import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.NodeConfig;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Command-line entry point of a real Mainline DHT node (the container image runs this).
 *
 * <p>Stdout protocol, one line each: {@code READY <idhex> <ip:port>} once the socket is bound and the
 * node answers queries; {@code CONFIG seed=<seed> ...} right after it (the seed replays the node);
 * {@code JOINED table=<n>} after the first bootstrap that found contacts (or at
 * once without {@code --bootstrap}); {@code STATS ...} every {@code --log-every} seconds;
 * {@code STOPPED ...} on shutdown (SIGTERM runs the shutdown hook). Bad arguments print a message to
 * stderr and exit with code 2; a node that cannot start (port in use) exits with code 1.
 */
@Command(name = "overlay-node", mixinStandardHelpOptions = true, version = "overlay-node 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs one BEP 5 Mainline DHT node on a real UDP socket until SIGTERM.")
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

    @Option(names = "--k", defaultValue = "8", description = "Bucket size (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--alpha", defaultValue = "3", description = "Lookup parallelism (default: ${DEFAULT-VALUE}).")
    int alpha;

    @Option(names = "--seed", paramLabel = "LONG",
            description = "Seed of the node id and all randomness (default: derived from bind address and port).")
    Long seed;

    @Option(names = "--id", paramLabel = "HEX40", description = "Fixed node id, 40 hex digits (overrides the seed's id).")
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
            settings = options.toSettings(cmd);
        } catch (ParameterException e) {
            err.println("overlay-node: " + e.getMessage());
            err.println("Run with --help for usage.");
            return new Launch.Exit(EXIT_USAGE);
        }
        try {
            return new Launch.Started(RunningNode.start(settings, out, err, decorator));
        } catch (Exception e) {
            err.println("overlay-node: cannot start on " + settings.bind() + ": " + e);
            return new Launch.Exit(EXIT_START_FAILED);
        }
    }

    /** Parses the arguments into settings without starting anything; bad arguments throw {@link ParameterException}. */
    static NodeSettings parse(String... args) {
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
        NodeConfig config;
        try {
            config = NodeConfig.defaults().withK(k).withAlpha(alpha);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cmd, e.getMessage().replace("parameter 'k'", "--k")
                    .replace("parameter 'alpha'", "--alpha"));
        }
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
        long s = seed != null ? seed : NodeSettings.defaultSeed(bindAddress);
        return new NodeSettings(bindAddress, seeds, config, s, fixedId, logEverySeconds);
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
