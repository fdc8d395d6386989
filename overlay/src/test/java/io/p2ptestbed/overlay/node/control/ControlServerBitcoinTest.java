package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The control endpoints Heilman et al.'s eclipse reads and does at a Bitcoin victim in a container (the neutral
 * {@code GET /v1/peers} and {@code POST /v1/restart}: {@link PeerControl}; Bitcoin's own {@code GET
 * /v1/bitcoin/addrman}: {@link BitcoinControl}), in front of 3 real Bitcoin nodes on TCP (127.95.1.1; one ip, so one
 * network group: each node keeps at most one outbound connection).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlServerBitcoinTest {

    private static Fields await(ControlFixture c, String path, Predicate<Fields> done, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Res r = c.call("GET", path, null);
        while (!(r.status() == 200 && done.test(r.fields())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            r = c.call("GET", path, null);
        }
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r.fields();
    }

    private static List<Object> list(Fields f, String name) {
        return Fields.list(f.get(name), name);
    }

    @Test
    void bitcoinNodes_reportPeersAndTablesAndRestartKeepingTheirTables() throws Exception {
        String ip = "127.95.1.1";
        try (ControlFixture served = new ControlFixture(ip, 30, "--nodes", "3", "--port-base", "47951", "--seeds", "0,1,2", "--",
                "--protocol", "bitcoin", "--param", "connectMillis=100", "--bind", ip, "--bootstrap", ip + ":47951",
                "--log-every", "0")) {
            Fields peers = await(served, "/v1/peers?node=1", f -> !list(f, "outbound").isEmpty(), 20_000);
            List<Object> out = list(peers, "outbound");
            assertThat(out).as("one outbound connection (one group)").hasSize(1);
            assertThat((String) out.get(0)).isIn(ip + ":47951", ip + ":47953");
            assertThat(peers.has("inbound")).isTrue();
            assertThat(peers.string("protocol")).isEqualTo("bitcoin");

            Fields all = served.call("GET", "/v1/bitcoin/addrman?node=1&table=all", null).fields();
            List<Object> entries = list(all, "entries");
            assertThat(entries).hasSize((int) (all.integer("newCount") + all.integer("triedCount")));
            Fields outEntry = entries.stream().map(e -> Fields.of(e, "entry")).filter(e -> e.string("address").equals(out.get(0)))
                    .findFirst().orElseThrow();
            assertThat(outEntry.bool("tried", false)).as("an outbound peer goes to tried after the handshake").isTrue();
            assertThat(outEntry.integer("lastSuccess")).isPositive();
            Fields tried = served.call("GET", "/v1/bitcoin/addrman?node=1", null).fields();
            assertThat(list(tried, "entries")).hasSize((int) tried.integer("triedCount"))
                    .allMatch(e -> Fields.of(e, "entry").bool("tried", false));
            assertThat(list(served.call("GET", "/v1/bitcoin/addrman?node=1&table=none", null).fields(), "entries")).isEmpty();

            // restart: every connection dropped, the tables kept, outbound connections open again (the anchor first)
            Res restart = served.call("POST", "/v1/restart?node=1", "{\"downMillis\":1000,\"skipSeconds\":1200}");
            assertThat(restart.status()).as("%s", restart.body()).isEqualTo(200);
            assertThat(restart.fields().integer("skipSeconds")).isEqualTo(1200);
            assertThat(restart.fields().string("protocol")).isEqualTo("bitcoin");
            assertThat(list(served.call("GET", "/v1/peers?node=1", null).fields(), "outbound")).as("just after the restart").isEmpty();
            assertThat(served.call("GET", "/v1/bitcoin/addrman?node=1", null).fields().integer("triedCount"))
                    .as("the tried table is kept").isEqualTo(tried.integer("triedCount"));
            Fields again = await(served, "/v1/peers?node=1", f -> !list(f, "outbound").isEmpty(), 20_000);
            assertThat(list(again, "outbound")).hasSize(1);

            // bad input: named, 400 (or 405 for the method); the node keeps serving
            Res badTable = served.call("GET", "/v1/bitcoin/addrman?table=old", null);
            assertThat(badTable.status()).isEqualTo(400);
            assertThat(badTable.fields().string("error")).contains("table").contains("old");
            Res noDown = served.call("POST", "/v1/restart", "{}");
            assertThat(noDown.status()).isEqualTo(400);
            assertThat(noDown.fields().string("error")).contains("downMillis");
            Res tooLong = served.call("POST", "/v1/restart", "{\"downMillis\":600001}");
            assertThat(tooLong.status()).isEqualTo(400);
            assertThat(tooLong.fields().string("error")).contains("downMillis").contains("600000");
            Res unknown = served.call("POST", "/v1/restart", "{\"downMillis\":10,\"skip\":3}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.fields().string("error")).contains("skip").contains("skipSeconds");
            assertThat(served.call("GET", "/v1/restart", null).status()).isEqualTo(405);
            assertThat(served.call("POST", "/v1/peers", "{}").status()).isEqualTo(405);
            Res old = served.call("GET", "/v1/addrman", null);
            assertThat(old.status()).as("the address manager lives under Bitcoin's name").isEqualTo(404);
            assertThat(old.fields().string("error")).contains("bitcoin/addrman");
            Res eth = served.call("GET", "/v1/ethereum/table", null);
            assertThat(eth.status()).isEqualTo(400);
            assertThat(eth.fields().string("error")).contains("/v1/ethereum/table is the ethereum overlay's own endpoint")
                    .contains("node 0 runs the bitcoin overlay");
            assertThat(served.call("GET", "/v1/peers?node=2", null).status()).isEqualTo(200);
        }
    }

    @Test
    void kademlia_answers501ToTheConnectionEndpointsAnd400ToBitcoinsOwn() throws Exception {
        String ip = "127.95.1.2";
        try (ControlFixture served = new ControlFixture(ip, 20, "--nodes", "1", "--port-base", "47961", "--seeds", "0", "--",
                "--protocol", "kademlia", "--bind", ip, "--bootstrap", ip + ":47961", "--log-every", "0")) {
            for (String[] c : new String[][] {{"GET", "/v1/peers"}, {"POST", "/v1/restart"}}) {
                Res r = served.call(c[0], c[1], c[0].equals("POST") ? "{\"downMillis\":0}" : null);
                assertThat(r.status()).as("%s %s", c[0], c[1]).isEqualTo(501);
                assertThat(r.fields().string("error")).contains("the kademlia overlay does not support").contains("bitcoin and ethereum do");
            }
            Res addrman = served.call("GET", "/v1/bitcoin/addrman", null);
            assertThat(addrman.status()).isEqualTo(400);
            assertThat(addrman.fields().string("error")).contains("bitcoin overlay's own endpoint").contains("runs the kademlia overlay");
        }
    }
}
