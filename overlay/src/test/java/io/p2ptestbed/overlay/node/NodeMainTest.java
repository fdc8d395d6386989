package io.p2ptestbed.overlay.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.ParameterException;

/** The runnable node, started in-process on real UDP sockets on 127.0.0.x. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeMainTest {

    private final List<RunningNode> started = new ArrayList<>();

    /** Stdout and stderr of one launched node. */
    private record Console(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        Console() {
            this(new ByteArrayOutputStream(), new ByteArrayOutputStream());
        }

        List<String> outLines() {
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        }

        String errText() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private NodeMain.Launch launch(Console console, String... args) {
        NodeMain.Launch l = NodeMain.launch(args, new PrintStream(console.out(), true, StandardCharsets.UTF_8),
                new PrintStream(console.err(), true, StandardCharsets.UTF_8));
        if (l instanceof NodeMain.Launch.Started s) {
            started.add(s.node());
        }
        return l;
    }

    private RunningNode start(Console console, String... args) {
        NodeMain.Launch l = launch(console, args);
        assertThat(l).as("launch %s; stderr: %s", List.of(args), console.errText())
                .isInstanceOf(NodeMain.Launch.Started.class);
        return ((NodeMain.Launch.Started) l).node();
    }

    @AfterEach
    void closeNodes() {
        started.forEach(RunningNode::close);
    }

    /** Retries an assertion until it holds or the timeout passes (real sockets, real time). */
    private static void eventually(Duration timeout, ThrowingRunnable check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static List<NodeId> ids(List<Contact> contacts) {
        return contacts.stream().map(Contact::id).toList();
    }

    // ------------------------------------------------------------------ live nodes

    @Test
    void threeNodesOnLoopback_shouldLearnEachOtherWhenTwoBootstrapFromTheFirst() throws Exception {
        Console c1 = new Console();
        Console c2 = new Console();
        Console c3 = new Console();
        RunningNode n1 = start(c1, "--bind", "127.0.0.1", "--port", "0", "--seed", "1", "--log-every", "0");
        String seed = n1.address().toString();
        RunningNode n2 = start(c2, "--bind", "127.0.0.2", "--port", "0", "--seed", "2", "--bootstrap", seed);
        assertThat(n2.joined().get(10, TimeUnit.SECONDS)).isPositive();
        RunningNode n3 = start(c3, "--bind", "127.0.0.3", "--port", "0", "--seed", "3", "--bootstrap", seed,
                "--k", "8", "--alpha", "3");
        assertThat(n3.joined().get(10, TimeUnit.SECONDS)).isPositive();

        eventually(Duration.ofSeconds(10), () -> {
            assertThat(ids(n1.contacts())).containsExactlyInAnyOrder(n2.id(), n3.id());
            assertThat(ids(n2.contacts())).containsExactlyInAnyOrder(n1.id(), n3.id());
            assertThat(ids(n3.contacts())).containsExactlyInAnyOrder(n1.id(), n2.id());
        });
        assertThat(n3.contacts()).contains(new Contact(n1.id(), n1.address()), new Contact(n2.id(), n2.address()));

        assertThat(c1.outLines()).first().asString()
                .isEqualTo("READY " + n1.id().toHex() + " " + n1.address())
                .matches("READY [0-9a-f]{40} 127\\.0\\.0\\.1:\\d+");
        assertThat(c1.outLines().get(1)).isEqualTo("CONFIG seed=1 id=from-seed k=8 alpha=3 bootstrap=");
        assertThat(c3.outLines().get(1)).isEqualTo("CONFIG seed=3 id=from-seed k=8 alpha=3 bootstrap=" + seed);
        assertThat(c1.outLines()).contains("JOINED table=0");
        assertThat(c2.outLines().get(0)).startsWith("READY " + n2.id().toHex() + " 127.0.0.2:");
        assertThat(c2.outLines()).anySatisfy(l -> assertThat(l).matches("JOINED table=[12]"));
        assertThat(c3.outLines()).anySatisfy(l -> assertThat(l).matches("JOINED table=2"));
        assertThat(n1.stats()).containsEntry("malformed_in", 0L);
        assertThat(n1.stats().get("queries_served")).isPositive();
    }

    @Test
    void aNodeWhoseSeedIsNotUpYet_shouldRetryAndJoinOnceItIs() throws Exception {
        Console early = new Console();
        // Reserve a port for the seed by starting and stopping a node on it.
        RunningNode placeholder = start(new Console(), "--bind", "127.0.0.7", "--port", "0", "--seed", "9", "--log-every", "0");
        NodeAddress seedAddress = placeholder.address();
        placeholder.close();

        RunningNode joiner = start(early, "--bind", "127.0.0.8", "--port", "0", "--seed", "8", "--log-every", "0",
                "--bootstrap", seedAddress.toString());
        eventually(Duration.ofSeconds(10), () -> assertThat(early.errText()).contains("retrying"));
        assertThat(joiner.joined()).isNotDone();

        RunningNode seed = start(new Console(), "--bind", "127.0.0.7", "--port", Integer.toString(seedAddress.port()),
                "--seed", "9", "--log-every", "0");
        assertThat(joiner.joined().get(20, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(ids(joiner.contacts())).containsExactly(seed.id());
    }

    @Test
    void aNodeWhoseRetriedJoinCannotComplete_shouldCountAsJoinedOnceItFindsANeighbour() throws Exception {
        // the first join finds no neighbour, the retry 5 s later still none and its join never completes; the
        // neighbour comes at 7 s (as a Bitcoin node in a loaded container whose outbound connections come late)
        Console c = new Console();
        RunningNode n = start(c, "--protocol", "stub", "--param", "lateMillis=7000", "--bind", "127.95.2.1", "--port", "0",
                "--seed", "15", "--log-every", "0", "--bootstrap", "127.95.2.2:6881");
        assertThat(n.joined().get(30, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(c.errText()).contains("found no contacts; retrying in 5 s");
        assertThat(n.stats()).containsEntry("stub.joins", 2L);
        assertThat(c.outLines().stream().filter(l -> l.startsWith("JOINED"))).containsExactly("JOINED table=1");
    }

    @Test
    void statsLines_shouldBePrintedEveryLogPeriodAndStoppedOnClose() throws Exception {
        Console console = new Console();
        RunningNode n = start(console, "--bind", "127.0.0.4", "--port", "0", "--seed", "4", "--log-every", "1");
        eventually(Duration.ofSeconds(5), () -> assertThat(console.outLines())
                .anySatisfy(l -> assertThat(l).startsWith("STATS ").contains(" table=0 ").contains("datagrams_in=0")));
        n.close();
        n.close(); // idempotent
        assertThat(console.outLines()).last().asString().startsWith("STOPPED ");
        assertThat(console.outLines()).filteredOn(l -> l.startsWith("STOPPED")).hasSize(1);
        assertThat(console.errText()).as("clean stop, nothing on stderr").isEmpty();
    }

    @Test
    void close_shouldReleaseThePort() throws Exception {
        RunningNode n = start(new Console(), "--bind", "127.0.0.5", "--port", "0", "--seed", "5", "--log-every", "0");
        String port = Integer.toString(n.address().port());
        n.close();
        RunningNode again = start(new Console(), "--bind", "127.0.0.5", "--port", port, "--seed", "5", "--log-every", "0");
        assertThat(again.address()).isEqualTo(n.address());
        assertThat(again.id()).isEqualTo(n.id());
    }

    @Test
    void aPortInUse_shouldExitWithCode1AndSaySo() {
        RunningNode n = start(new Console(), "--bind", "127.0.0.6", "--port", "0", "--seed", "6", "--log-every", "0");
        Console console = new Console();
        NodeMain.Launch l = launch(console, "--bind", "127.0.0.6", "--port", Integer.toString(n.address().port()),
                "--seed", "7");
        assertThat(l).isEqualTo(new NodeMain.Launch.Exit(NodeMain.EXIT_START_FAILED));
        assertThat(console.errText()).contains("cannot start on 127.0.0.6:" + n.address().port());
        assertThat(console.outLines()).isEmpty();
    }

    // ------------------------------------------------------------------ arguments

    static List<List<String>> badArguments() {
        return List.of(
                List.of("--port", "70000"),
                List.of("--port", "abc"),
                List.of("--k", "0"),
                List.of("--k", "65"),
                List.of("--alpha", "0"),
                List.of("--bind", "300.1.1.1"),
                List.of("--bind", "127.0.0"),
                List.of("--bind", "::1"),
                List.of("--bind", "0.0.0.0"),
                List.of("--port", "0"),
                List.of("--id", "xyz"),
                List.of("--id", "0".repeat(41)),
                List.of("--seed", "twelve"),
                List.of("--bootstrap", "127.0.0.1"),
                List.of("--bootstrap", "127.0.0.1:0"),
                List.of("--bootstrap", "127.0.0.1:99999"),
                List.of("--bootstrap", "no-such-host.invalid:6881"),
                List.of("--bootstrap"),
                List.of("--log-every", "-1"),
                List.of("--frobnicate"),
                List.of("positional"),
                List.of("--protocol", "napster"),
                List.of("--param", "k"),
                List.of("--param", "nosuch=1"),
                List.of("--param", "k=abc"),
                List.of("--protocol", "stub", "--k", "8"),
                List.of("--defences", "no-such-defence"),
                List.of("--protocol", "stub", "--defences", "eviction(ping=false)"),
                List.of("--protocol", "stub", "--defences", "rate-limit", "--bind", "127.0.0.15", "--port", "0", "--seed", "1"));
    }

    @ParameterizedTest
    @MethodSource("badArguments")
    void badArguments_shouldPrintAClearMessageAndExitWithCode2(List<String> args) {
        Console console = new Console();
        NodeMain.Launch l = launch(console, args.toArray(String[]::new));
        assertThat(l).isEqualTo(new NodeMain.Launch.Exit(2));
        assertThat(console.errText()).startsWith("overlay-node: ").contains("--help");
        assertThat(console.outLines()).isEmpty();
    }

    @Test
    void help_shouldPrintUsageAndExitWithCode0() {
        Console console = new Console();
        assertThat(launch(console, "--help")).isEqualTo(new NodeMain.Launch.Exit(0));
        assertThat(console.out().toString(StandardCharsets.UTF_8)).contains("Usage: overlay-node")
                .contains("--bootstrap=HOST:PORT").contains("--seed=LONG").contains("--log-every=SECONDS");
    }

    @Test
    void defaults_shouldMatchTheDocumentedOnes() {
        NodeSettings s = NodeMain.parse();
        assertThat(s.bind()).isEqualTo(NodeAddress.of(127, 0, 0, 1, 6881));
        assertThat(s.bootstrap()).isEmpty();
        assertThat(s.config().k()).isEqualTo(8);
        assertThat(s.config().alpha()).isEqualTo(3);
        assertThat(s.logEverySeconds()).isEqualTo(30);
        assertThat(s.fixedId()).isNull();
    }

    @Test
    void options_shouldBeParsedIntoSettings() {
        NodeSettings s = NodeMain.parse("--bind", "127.0.0.9", "--port", "7000", "--bootstrap", "127.0.0.1:6881",
                "--bootstrap", "127.0.0.2:6882", "--k", "20", "--alpha", "5", "--seed", "-42", "--log-every", "0");
        assertThat(s.bind()).isEqualTo(NodeAddress.of(127, 0, 0, 9, 7000));
        assertThat(s.bootstrap()).containsExactly(NodeAddress.of(127, 0, 0, 1, 6881), NodeAddress.of(127, 0, 0, 2, 6882));
        assertThat(s.config().k()).isEqualTo(20);
        assertThat(s.config().alpha()).isEqualTo(5);
        assertThat(s.seed()).isEqualTo(-42);
        assertThat(s.logEverySeconds()).isZero();
    }

    // ------------------------------------------------------------------ protocols and parameters

    private static String errorOf(String... args) {
        Console console = new Console();
        NodeMain.Launch l = NodeMain.launch(args, new PrintStream(console.out(), true, StandardCharsets.UTF_8),
                new PrintStream(console.err(), true, StandardCharsets.UTF_8));
        assertThat(l).as("%s", List.of(args)).isEqualTo(new NodeMain.Launch.Exit(NodeMain.EXIT_USAGE));
        return console.errText();
    }

    @Test
    void theProtocol_shouldDefaultToKademliaAndTakeParams() {
        assertThat(NodeMain.parse().protocol()).isEqualTo("kademlia");
        NodeSettings s = NodeMain.parse("--protocol", "Kademlia", "--param", "k=20", "--param", "queryTimeoutMillis=900");
        assertThat(s.protocol()).isEqualTo("kademlia");
        assertThat(s.config().k()).isEqualTo(20);
        assertThat(s.config().queryTimeoutMillis()).isEqualTo(900);
        assertThat(s.config().alpha()).isEqualTo(3);
        NodeSettings stub = NodeMain.parse("--protocol", "stub", "--param", "fanout=5");
        assertThat(stub.protocol()).isEqualTo("stub");
        assertThat(stub.params().intValue("fanout", 1, 8)).isEqualTo(5);
        assertThatThrownBy(stub::config).hasMessageContaining("the stub overlay has no Kademlia configuration");
    }

    @Test
    void badProtocolsAndParams_shouldBeNamedInTheMessage() {
        assertThat(errorOf("--protocol", "napster")).contains("--protocol: unknown overlay protocol 'napster'")
                .contains("kademlia").contains("stub");
        assertThat(errorOf("--param", "nosuch=1")).contains("unknown parameter 'nosuch' for protocol kademlia")
                .contains("alpha");
        assertThat(errorOf("--protocol", "stub", "--param", "k=8")).contains("unknown parameter 'k' for protocol stub")
                .contains("known: fanout");
        assertThat(errorOf("--param", "k=abc")).contains("parameter 'k' of protocol kademlia must be an integer, got 'abc'");
        assertThat(errorOf("--protocol", "stub", "--param", "fanout=9")).contains("'fanout'").contains("[1, 8], got 9");
        assertThat(errorOf("--param", "k")).contains("--param expects NAME=VALUE, got 'k'");
        assertThat(errorOf("--param", "k=8", "--param", "k=9")).contains("--param k is given twice");
        assertThat(errorOf("--k", "9", "--param", "k=8")).contains("--k and --param k=... both given");
        assertThat(errorOf("--protocol", "stub", "--alpha", "3")).contains("--alpha is a Kademlia option")
                .contains("the stub overlay takes --param NAME=VALUE").contains("fanout");
        assertThat(errorOf("--defences", "no-such-defence")).contains("--defences: bad defence spec 'no-such-defence'");
        assertThat(errorOf("--protocol", "stub", "--defences", "eviction(ping=false)"))
                .contains("--defences: bad defence spec 'eviction(ping=false)' for the stub overlay, which takes the neutral "
                        + "defences (none, rate-limit").contains("unknown neutral defence 'eviction'");
        assertThat(errorOf("--protocol", "stub", "--defences", "rate-limit", "--bind", "127.0.0.15", "--port", "0", "--seed", "1"))
                .contains("overlay-node: --defences: the stub overlay does not support the neutral defences rate-limit")
                .contains("it offers no Guards");
    }

    @Test
    void defences_shouldBeSwitchedOnFromTheCommandLine() throws Exception {
        assertThat(NodeMain.parse("--defences", "ip-diversity,rate-limit(ip=5/s)").defences())
                .contains("rate-limit").contains("ip-diversity");
        assertThat(NodeMain.parse().defences()).isEqualTo("none");
        assertThat(NodeMain.parse("--protocol", "stub", "--defences", "none").defences()).isEqualTo("none");
        assertThat(NodeMain.parse("--protocol", "stub", "--defences", "ip-diversity(table=3),rate-limit(ip=5)").defences())
                .contains("ip-diversity").contains("rate-limit");
        Console guarded = new Console();
        RunningNode g = start(guarded, "--protocol", "stub", "--param", "guards=true", "--bind", "127.0.0.16", "--port", "0",
                "--seed", "16", "--log-every", "0", "--defences", "rate-limit(ip=5),ip-diversity");
        assertThat(g.stats()).containsEntry("stub.filters", 2L);
        assertThat(guarded.outLines().get(1)).contains("guards=true").contains(" defences=rate-limit");
        Console c = new Console();
        RunningNode n = start(c, "--bind", "127.0.0.12", "--port", "0", "--seed", "12", "--log-every", "0",
                "--defences", "rate-limit(ip=5/s)");
        assertThat(n.startDefences()).isNotNull();
        assertThat(c.outLines().get(1)).contains(" defences=rate-limit");
        assertThat(n.stats().keySet()).anyMatch(k -> k.startsWith("defence."));
    }

    @Test
    void anotherProtocol_shouldRunBehindTheSameProcess() throws Exception {
        Console c = new Console();
        RunningNode n = start(c, "--protocol", "stub", "--param", "fanout=3", "--bind", "127.0.0.13", "--port", "0",
                "--seed", "13", "--log-every", "0", "--bootstrap", "127.0.0.14:6881");
        assertThat(n.protocol()).isEqualTo("stub");
        assertThat(n.joined().get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(c.outLines().get(1)).isEqualTo("CONFIG seed=13 id=from-seed protocol=stub fanout=3 bootstrap=127.0.0.14:6881");
        assertThat(c.outLines()).contains("JOINED table=1");
        assertThat(n.stats()).containsEntry("stub.fanout", 3L).containsEntry("stub.joins", 1L);
        assertThatThrownBy(() -> n.kademlia("announce")).hasMessage("the stub overlay does not support announce (Kademlia only)");
    }

    @Test
    void theProtocolList_shouldNameEveryProtocolWithItsParameters() {
        Console console = new Console();
        assertThat(launch(console, "--protocols")).isEqualTo(new NodeMain.Launch.Exit(0));
        assertThat(console.out().toString(StandardCharsets.UTF_8)).contains("kademlia (xor)").contains("--param k=8")
                .contains("stub (clockwise)").contains("--param fanout=2");
    }

    @Test
    void bootstrapHostNames_shouldResolveToIpv4() {
        assertThat(NodeMain.parse("--bootstrap", "localhost:6881").bootstrap())
                .containsExactly(NodeAddress.of(127, 0, 0, 1, 6881));
    }

    @Test
    void theSeed_shouldDeriveTheIdAndTheGenerator() {
        NodeSettings a = NodeMain.parse("--seed", "77");
        NodeSettings b = NodeMain.parse("--seed", "77", "--bind", "127.0.0.2");
        assertThat(a.nodeId()).isEqualTo(b.nodeId());
        assertThat(a.nodeRandom().nextLong()).isEqualTo(b.nodeRandom().nextLong());
        assertThat(NodeMain.parse("--seed", "78").nodeId()).isNotEqualTo(a.nodeId());
    }

    @Test
    void aFixedId_shouldOverrideTheSeedsIdButKeepItsGenerator() {
        String hex = "0123456789abcdef0123456789abcdef01234567";
        NodeSettings fixed = NodeMain.parse("--seed", "77", "--id", hex);
        assertThat(fixed.nodeId()).isEqualTo(NodeId.fromHex(hex));
        assertThat(fixed.nodeRandom().nextLong()).isEqualTo(NodeMain.parse("--seed", "77").nodeRandom().nextLong());
    }

    @Test
    void withoutASeed_theIdShouldDeriveFromTheBindAddress() {
        NodeSettings a = NodeMain.parse("--bind", "127.0.0.2");
        assertThat(NodeMain.parse("--bind", "127.0.0.2").nodeId()).isEqualTo(a.nodeId());
        assertThat(NodeMain.parse("--bind", "127.0.0.3").nodeId()).isNotEqualTo(a.nodeId());
        assertThat(NodeMain.parse("--bind", "127.0.0.2", "--port", "6882").nodeId()).isNotEqualTo(a.nodeId());
        assertThat(NodeMain.parse("--bind", "200.0.0.2").nodeId()).isNotEqualTo(a.nodeId());
    }

    @Test
    void parse_shouldRejectWhatLaunchRejects() {
        assertThatThrownBy(() -> NodeMain.parse("--k", "0")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--k must be in [1, 64], got 0");
        assertThatThrownBy(() -> NodeMain.parse("--bind", "0.0.0.0")).isInstanceOf(ParameterException.class)
                .hasMessageContaining("need --seed or --id");
    }

    @Test
    void parseIpv4_shouldAcceptOnlyStrictDottedQuads() {
        assertThat(NodeMain.parseIpv4("127.0.0.1")).isEqualTo(0x7F000001);
        assertThat(NodeMain.parseIpv4("255.255.255.255")).isEqualTo(-1);
        for (String bad : List.of("127.0.0.1.", ".127.0.0.1", "127..0.1", "+1.0.0.1", "1.0.0.0001", "a.b.c.d", "")) {
            assertThatThrownBy(() -> NodeMain.parseIpv4(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
