package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control interface as Marcus et al.'s eclipse uses it at an Ethereum victim in its own container (the neutral
 * {@code GET /v1/peers} and {@code POST /v1/restart}, Ethereum's own {@code GET /v1/ethereum/table}) in front of 4 real
 * Ethereum nodes on 127.96.0.1 (discovery v4 over UDP, devp2p over TCP): the peers and table it reports are the host's
 * other nodes, a restart empties the table and drops the connections, keeps the db, and the node reconnects once it is
 * up; bad requests answer 400 naming the field (Bitcoin's clock skip and Bitcoin's address manager too, naming the
 * protocol), an overlay without connections 501 naming its protocol.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlServerEthereumTest {

    private static final String IP = "127.96.0.1";
    private static final int PORT_BASE = 47_961;

    private static ControlFixture ethereum() throws Exception {
        return new ControlFixture(IP, 30, "--nodes", "4", "--port-base", Integer.toString(PORT_BASE), "--seeds", "71,72,73,74", "--",
                "--protocol", "ethereum", "--param", "ipLimits=false", "--bind", IP, "--bootstrap", IP + ":" + PORT_BASE,
                "--log-every", "0");
    }

    private static Fields ok(ControlFixture c, String path) throws Exception {
        Res r = c.call("GET", path, null);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r.fields();
    }

    private static Fields peers(ControlFixture c, int node) throws Exception {
        Fields f = ok(c, "/v1/peers?node=" + node);
        assertThat(f.string("protocol")).isEqualTo("ethereum");
        return f;
    }

    private static Fields table(ControlFixture c, int node) throws Exception {
        return ok(c, "/v1/ethereum/table?node=" + node);
    }

    private static List<String> strings(Fields f, String name) {
        List<String> out = new ArrayList<>();
        Fields.list(f.get(name), name).forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    /** Node {@code node}'s peers (both directions) once it has at least one, within 30 s. */
    private static Fields awaitPeers(ControlFixture c, int node) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Fields f = peers(c, node);
        while (strings(f, "outbound").size() + strings(f, "inbound").size() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            f = peers(c, node);
        }
        return f;
    }

    private static void assertError(Res r, int status, String fragment) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.fields().string("error")).contains(fragment);
    }

    @Test
    void peersAndTableAreTheOtherNodes_andARestartEmptiesThemKeepsTheDbAndReconnects() throws Exception {
        try (ControlFixture c = ethereum()) {
            List<String> others = List.of(IP + ":" + PORT_BASE, IP + ":" + (PORT_BASE + 2), IP + ":" + (PORT_BASE + 3));
            Fields before = awaitPeers(c, 1);
            List<String> connected = new ArrayList<>(strings(before, "outbound"));
            connected.addAll(strings(before, "inbound"));
            assertThat(connected).as("node 1's devp2p peers").isNotEmpty().allSatisfy(a -> assertThat(others).contains(a));
            Fields tableBefore = table(c, 1);
            assertThat(strings(tableBefore, "table")).as("node 1's table").isNotEmpty().allSatisfy(a -> assertThat(others).contains(a));
            long dbNodes = tableBefore.integer("dbNodes");
            assertThat(dbNodes).as("nodes in node 1's db").isPositive();
            assertThat(tableBefore.integer("dbSeeds")).isBetween(0L, dbNodes);

            Res restart = c.call("POST", "/v1/restart?node=1", "{\"downMillis\":3000}");
            assertThat(restart.status()).as("%s", restart.body()).isEqualTo(200);
            assertThat(restart.fields().integer("downMillis")).isEqualTo(3_000);
            assertThat(restart.fields().string("protocol")).isEqualTo("ethereum");
            assertThat(restart.fields().has("skipSeconds")).as("Bitcoin's clock skip is not Ethereum's").isFalse();
            Fields down = peers(c, 1);
            assertThat(strings(table(c, 1), "table")).as("the table while down").isEmpty();
            assertThat(strings(down, "outbound")).as("dialled peers while down").isEmpty();
            assertThat(table(c, 1).integer("dbNodes")).as("the db is kept over the restart").isEqualTo(dbNodes);
            Map<String, Long> counters = ControlJson.toStats(c.call("GET", "/v1/counters?node=1", null).fields().get("counters"));
            assertThat(counters).containsEntry("restarts", 1L);

            Thread.sleep(3_000);
            Fields after = awaitPeers(c, 1);
            assertThat(strings(after, "outbound").size() + strings(after, "inbound").size()).as("peers after the restart")
                    .isPositive();
            assertThat(strings(table(c, 1), "table")).as("the table seeded again from the db").isNotEmpty();

            assertError(c.call("POST", "/v1/restart?node=1", "{\"downMillis\":-1}"), 400,
                    "'downMillis' must be in [0, 600000], got -1");
            assertError(c.call("POST", "/v1/restart?node=1", "{\"down\":5}"), 400, "down");
            assertError(c.call("POST", "/v1/restart?node=1", "{}"), 400, "needs member 'downMillis'");
            assertError(c.call("POST", "/v1/restart?node=1", "{\"downMillis\":10,\"skipSeconds\":60}"), 400,
                    "the ethereum overlay's restart takes only 'downMillis'");
            assertError(c.call("GET", "/v1/restart?node=1", null), 405, "use POST");
            assertError(c.call("POST", "/v1/peers?node=1", "{}"), 405, "use GET");
            assertError(c.call("POST", "/v1/ethereum/table?node=1", "{}"), 405, "use GET");
            assertError(c.call("GET", "/v1/peers?node=9", null), 400, "'node' must be in 0..3");
            assertError(c.call("GET", "/v1/bitcoin/addrman?node=1", null), 400,
                    "/v1/bitcoin/addrman is the bitcoin overlay's own endpoint; node 1 runs the ethereum overlay");
            assertError(c.call("GET", "/v1/ethereum/peers?node=1", null), 404, "peers and restart (bitcoin and ethereum)");
            assertThat(peers(c, 2).has("outbound")).as("the node keeps serving").isTrue();
        }
    }

    @Test
    void anotherOverlayAnswers501Or400NamingItsProtocol() throws Exception {
        try (ControlFixture c = new ControlFixture(IP, "--nodes", "1", "--port-base", Integer.toString(PORT_BASE + 10), "--seeds", "1",
                "--", "--protocol", "stub", "--bind", IP, "--bootstrap", IP + ":" + (PORT_BASE + 10), "--log-every", "0")) {
            assertError(c.call("GET", "/v1/peers", null), 501,
                    "the stub overlay does not support peers by direction (bitcoin and ethereum do)");
            assertError(c.call("POST", "/v1/restart", "{}"), 501, "the stub overlay does not support a restart");
            assertError(c.call("GET", "/v1/ethereum/table", null), 400,
                    "/v1/ethereum/table is the ethereum overlay's own endpoint; node 0 runs the stub overlay");
        }
    }
}
