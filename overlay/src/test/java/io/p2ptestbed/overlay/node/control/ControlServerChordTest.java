package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.spi.RouteResult;
import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The control interface in front of five real Chord nodes on 127.0.0.63 ({@code -- --protocol chord}): route and
 * routes reach the key's successor, put/get go through Chord's value store, the ring endpoint shows successors
 * and predecessor, and the Kademlia-only endpoints answer 400 naming Chord.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ControlServerChordTest {

    private ControlFixture c;
    private NodeHost host;
    private List<NodeId> sorted;

    @BeforeAll
    void start() throws Exception {
        c = new ControlFixture("127.0.0.63", 30, "--nodes", "5", "--port-base", "47081", "--seeds", "11,12,13,14,15", "--", "--protocol", "chord",
                "--param", "stabilizeMillis=100", "--param", "fixFingersMillis=100",
                "--bind", "127.0.0.63", "--bootstrap", "127.0.0.63:47081", "--log-every", "0");
        host = c.host;
        List<NodeId> ids = new ArrayList<>();
        for (int i = 0; i < host.size(); i++) {
            ids.add(host.running(i).id());
        }
        ids.sort(Comparator.naturalOrder());
        sorted = ids;
        awaitRing(Duration.ofSeconds(30));
    }

    @AfterAll
    void stop() {
        if (c != null) {
            c.close();
        }
    }

    private Res call(String method, String path, String body) throws Exception {
        return c.call(method, path, body);
    }

    /** The true successor of a key: the first id at or after it clockwise. */
    private NodeId successor(NodeId key) {
        return sorted.stream().filter(id -> id.compareTo(key) >= 0).findFirst().orElse(sorted.get(0));
    }

    private void awaitRing(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            boolean ok = true;
            for (int i = 0; i < host.size() && ok; i++) {
                Res r = call("GET", "/v1/ring?node=" + i, null);
                List<Contact> succ = ControlJson.toContacts(r.fields().get("successors"), "successors");
                NodeId self = host.running(i).id();
                NodeId next = sorted.get((sorted.indexOf(self) + 1) % sorted.size());
                ok = !succ.isEmpty() && succ.get(0).id().equals(next);
            }
            if (ok) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the ring did not stabilise within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void info_shouldNameChordAndItsCapabilities() throws Exception {
        Res info = call("GET", "/v1/info?node=2", null);
        assertThat(info.fields().string("protocol")).isEqualTo("chord");
        assertThat(Fields.list(info.fields().get("capabilities"), "capabilities"))
                .contains("KeyRouting", "ValueStore", "Guards", "RingView");
        assertThat(ControlJson.toContacts(call("GET", "/v1/neighbours?node=2", null).fields().get("contacts"), "c"))
                .isNotEmpty();
    }

    @Test
    void ping_shouldUseChordsOwnPing() throws Exception {
        Res live = call("POST", "/v1/ping?node=1", "{\"address\":\"127.0.0.63:47083\"}");
        assertThat(live.status()).as("%s", live.body()).isEqualTo(200);
        assertThat(live.fields().bool("answered", false)).isTrue();
        Res silent = call("POST", "/v1/ping?node=1", "{\"address\":\"127.0.0.63:47099\"}");
        assertThat(silent.fields().bool("answered", true)).as("nobody listens on port 47099").isFalse();
    }

    @Test
    void routes_shouldReachTheSuccessorOfEveryKey() throws Exception {
        SplittableRandom rng = new SplittableRandom(4);
        List<NodeId> keys = new ArrayList<>(sorted); // each node's own id: it owns it
        for (int i = 0; i < 20; i++) {
            keys.add(NodeId.random(rng));
        }
        Res r = call("POST", "/v1/routes?node=1", Json.write(ControlJson.routesRequest(keys)));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<Object> results = Fields.list(r.fields().get("results"), "results");
        for (int i = 0; i < keys.size(); i++) {
            RouteResult route = ControlJson.toRouteResult(results.get(i));
            assertThat(route.owner().id()).as("key %s", keys.get(i).shortHex()).isEqualTo(successor(keys.get(i)));
        }
        NodeId key = NodeId.random(rng);
        Res one = call("POST", "/v1/route?node=3", "{\"key\":\"" + key.toHex() + "\"}");
        assertThat(ControlJson.toRouteResult(one.body()).owner().id()).isEqualTo(successor(key));
    }

    @Test
    void putAndGet_shouldGoThroughChordsValueStore() throws Exception {
        NodeId key = NodeId.random(new SplittableRandom(6));
        Res put = call("POST", "/v1/put?node=0", "{\"key\":\"" + key.toHex() + "\",\"value\":\"cafe\"}");
        assertThat(put.status()).as("%s", put.body()).isEqualTo(200);
        assertThat(ControlJson.toPutResult(put.body()).stored()).isTrue();
        Res get = call("POST", "/v1/get?node=4", "{\"key\":\"" + key.toHex() + "\"}");
        assertThat(get.status()).as("%s", get.body()).isEqualTo(200);
        assertThat(ControlJson.toGetResult(get.body()).value()).containsExactly((byte) 0xca, (byte) 0xfe);
        Res missing = call("POST", "/v1/get?node=4", "{\"key\":\"" + "0".repeat(40) + "\"}");
        assertThat(missing.fields().bool("found", true)).isFalse();
    }

    @Test
    void kademliaOnlyEndpoints_shouldAnswer400NamingChord() throws Exception {
        Res r = call("POST", "/v1/lookup", "{\"target\":\"" + "1".repeat(40) + "\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.fields().string("error")).contains("the chord overlay does not support Kademlia lookups")
                .contains("use POST /v1/route");
        assertThat(call("GET", "/v1/table", null).fields().string("error")).contains("the chord overlay does not support");
        assertThat(call("POST", "/v1/defences?node=all", "{\"spec\":\"eviction\"}").status()).isEqualTo(400);
    }
}
