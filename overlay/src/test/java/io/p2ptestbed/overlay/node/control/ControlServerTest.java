package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** The control interface over real HTTP, in front of four real nodes on 127.0.0.x. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlServerTest {

    private ControlFixture c;
    private NodeHost host;

    @BeforeAll
    void start() throws Exception {
        c = new ControlFixture("127.0.0.61", "--nodes", "4", "--port-base", "46881", "--seeds", "1,2,3,4", "--",
                "--bind", "127.0.0.61", "--bootstrap", "127.0.0.61:46881", "--log-every", "0");
        host = c.host;
    }

    @AfterAll
    void stop() {
        if (c != null) {
            c.close();
        }
    }

    private Res call(String method, String path, String body) throws Exception {
        Res r = c.call(method, path, body);
        assertThat(r.contentType()).isEqualTo("application/json");
        return r;
    }

    @Test
    void info_shouldNameTheNodeItsAddressAndTheApiVersion() throws Exception {
        Res r = call("GET", "/v1/info?node=2", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.fields().string("address")).isEqualTo("127.0.0.61:46883");
        assertThat(r.fields().integer("version")).isEqualTo(1);
        assertThat(r.fields().bool("joined", false)).isTrue();
        assertThat(NodeId.fromHex(r.fields().string("id"))).isEqualTo(host.running(2).id());
        assertThat(Fields.list(call("GET", "/v1/nodes", null).fields().get("nodes"), "nodes")).hasSize(4);
    }

    @Test
    void tableAndStats_shouldMirrorTheNode() throws Exception {
        List<Contact> table = ControlJson.toContacts(call("GET", "/v1/table?node=1", null).fields().get("contacts"), "c");
        assertThat(table).containsExactlyInAnyOrderElementsOf(host.running(1).contacts());
        Map<String, Long> stats = ControlJson.toStats(call("GET", "/v1/stats?node=1", null).fields().get("stats"));
        assertThat(stats).containsKeys("fault.dropped", "fault.rules");
        assertThat(stats.keySet()).anyMatch(k -> k.contains("datagrams") || k.contains("queries"));
    }

    @Test
    void lookups_shouldFindTheClosestNodeAndRoundTripAsLookupResults() throws Exception {
        NodeId target = host.running(3).id();
        Res r = call("POST", "/v1/lookup?node=0", Json.write(ControlJson.lookupRequest(target,
                io.p2ptestbed.overlay.kademlia.LookupKind.FIND_NODE)));
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        LookupResult res = ControlJson.toLookupResult(r.body());
        assertThat(res.closest().get(0).id()).isEqualTo(target);
        assertThat(ControlJson.toLookupResult(ControlJson.lookupResult(res))).usingRecursiveComparison().isEqualTo(res);

        SplittableRandom rng = new SplittableRandom(5);
        String batch = Json.write(Map.of("lookups", List.of(
                ControlJson.lookupRequest(NodeId.random(rng), io.p2ptestbed.overlay.kademlia.LookupKind.FIND_NODE),
                ControlJson.lookupRequest(NodeId.random(rng), io.p2ptestbed.overlay.kademlia.LookupKind.GET_PEERS))));
        Res many = call("POST", "/v1/lookups?node=1", batch);
        assertThat(Fields.list(many.fields().get("results"), "results")).hasSize(2);
    }

    @Test
    void neutralEndpoints_shouldServeKademliaThroughTheSpi() throws Exception {
        assertThat(call("GET", "/v1/info?node=1", null).fields().string("protocol")).isEqualTo("kademlia");
        assertThat(Fields.list(call("GET", "/v1/info?node=1", null).fields().get("capabilities"), "c"))
                .containsExactly("KeyRouting");
        List<Contact> neighbours = ControlJson.toContacts(call("GET", "/v1/neighbours?node=1", null).fields()
                .get("contacts"), "contacts");
        assertThat(neighbours).containsExactlyInAnyOrderElementsOf(host.running(1).contacts());
        Map<String, Long> counters = ControlJson.toStats(call("GET", "/v1/counters?node=1", null).fields().get("counters"));
        assertThat(counters).containsKeys("fault.rules", "queries_served");

        NodeId key = host.running(2).id();
        Res r = call("POST", "/v1/route?node=0", "{\"key\":\"" + key.toHex() + "\"}");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        io.p2ptestbed.overlay.spi.RouteResult route = ControlJson.toRouteResult(r.body());
        assertThat(route.found()).isTrue();
        assertThat(route.owner().id()).isEqualTo(key);
        assertThat(route.messages()).isPositive();
        assertThat(r.fields().bool("found", false)).isTrue();
        assertThat(ControlJson.toRouteResult(ControlJson.routeResult(route))).isEqualTo(route);

        List<NodeId> keys = List.of(host.running(3).id(), host.running(0).id(), NodeId.random(new SplittableRandom(3)));
        Res many = call("POST", "/v1/routes?node=1", Json.write(ControlJson.routesRequest(keys)));
        assertThat(many.status()).as("%s", many.body()).isEqualTo(200);
        List<Object> results = Fields.list(many.fields().get("results"), "results");
        assertThat(results).hasSize(3);
        assertThat(ControlJson.toRouteResult(results.get(0)).owner().id()).isEqualTo(keys.get(0));
        assertThat(ControlJson.toRouteResult(results.get(1)).owner().id()).isEqualTo(keys.get(1));
    }

    @Test
    void putAndGet_shouldAnswer501NamingTheProtocolWithoutAValueStore() throws Exception {
        String key = "\"" + "b".repeat(40) + "\"";
        assertError(call("POST", "/v1/put", "{\"key\":" + key + ",\"value\":\"00ff\"}"), 501,
                "the kademlia overlay does not support put (it offers no ValueStore)");
        assertError(call("POST", "/v1/get", "{\"key\":" + key + "}"), 501, "the kademlia overlay does not support get");
        assertError(call("POST", "/v1/put", "{\"key\":" + key + ",\"value\":\"0f0\"}"), 400, "even number of hex digits");
        assertError(call("POST", "/v1/routes", "{\"keys\":[\"xyz\"]}"), 400, "40 hex digits");
        assertError(call("POST", "/v1/route", "{\"target\":" + key + "}"), 400, "unknown member 'target'");
        assertError(call("GET", "/v1/route", null), 405, "POST");
    }

    @Test
    void announce_shouldStoreThePeerWhereAnotherNodeFindsIt() throws Exception {
        NodeId infoHash = NodeId.random(new SplittableRandom(9));
        Res a = call("POST", "/v1/announce?node=1", "{\"infoHash\":\"" + infoHash.toHex() + "\",\"port\":51413}");
        assertThat(a.status()).as("%s", a.body()).isEqualTo(200);
        assertThat(ControlJson.toAnnounceResult(a.body()).acknowledged()).isPositive();
        Res g = call("POST", "/v1/lookup?node=2", "{\"target\":\"" + infoHash.toHex() + "\",\"kind\":\"GET_PEERS\"}");
        assertThat(ControlJson.toLookupResult(g.body()).peers()).anyMatch(p -> p.port() == 51413);
    }

    @Test
    void faults_shouldDelayTrafficAndHealShouldRestoreIt() throws Exception {
        String to = "{\"address\":\"127.0.0.61:46882\"}";
        long before = call("POST", "/v1/ping?node=0", to).fields().integer("rttMillis");
        Res set = call("POST", "/v1/faults?node=0", "{\"delayMs\":300,\"jitterMs\":20,\"duplicate\":1.0}");
        assertThat(set.status()).as("%s", set.body()).isEqualTo(200);
        Res slow = call("POST", "/v1/ping?node=0", to);
        assertThat(slow.fields().bool("answered", false)).isTrue();
        assertThat(slow.fields().integer("rttMillis")).isGreaterThanOrEqualTo(300);
        Map<String, Long> stats = ControlJson.toStats(call("GET", "/v1/stats?node=0", null).fields().get("stats"));
        assertThat(stats.get("fault.delayed")).isPositive();
        assertThat(stats.get("fault.duplicated")).isPositive();

        call("POST", "/v1/faults?node=0", "{\"loss\":1.0}");
        assertThat(call("POST", "/v1/ping?node=0", to).fields().bool("answered", true)).isFalse();

        assertThat(call("DELETE", "/v1/faults?node=0", null).status()).isEqualTo(200);
        Res healed = call("POST", "/v1/ping?node=0", to);
        assertThat(healed.fields().bool("answered", false)).as("traffic flows again after heal").isTrue();
        assertThat(healed.fields().integer("rttMillis")).isLessThan(300 + before);
    }

    @Test
    void defences_shouldBeSwitchedAndTheirCountersShown() throws Exception {
        Res r = call("POST", "/v1/defences?node=all", "{\"spec\":\"rate-limit(ip=5/s),ip-diversity\"}");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertThat(call("GET", "/v1/defences?node=3", null).fields().string("spec")).contains("rate-limit", "ip-diversity");
        Map<String, Long> stats = ControlJson.toStats(call("GET", "/v1/stats?node=3", null).fields().get("stats"));
        assertThat(stats.keySet()).anyMatch(k -> k.startsWith("defence."));
        assertThat(call("DELETE", "/v1/defences?node=all", null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/defences?node=3", null).fields().string("spec")).isEqualTo("none");
    }

    @Test
    void capacity_shouldShedQueriesBeyondItsBudgetUntilTheNodeRestarts() throws Exception {
        // 1 query per second accounted over 5 s windows: 5 served per window, so of 12 pings at once at least 2 are shed
        Res r = call("POST", "/v1/capacity?node=2", "{\"perSecond\":1,\"windowMillis\":5000}");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        assertError(call("POST", "/v1/capacity?node=2", "{\"perSecond\":5}"), 409, "already has a service capacity");
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> pings = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            pings.add(c.http.sendAsync(HttpRequest.newBuilder(URI.create(c.base + "/v1/ping?node=1"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"address\":\"127.0.0.61:46883\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        pings.forEach(java.util.concurrent.CompletableFuture::join);
        Fields c = call("GET", "/v1/capacity?node=2", null).fields();
        assertThat(c.bool("installed", false)).isTrue();
        assertThat(c.integer("shed")).as("%s", c).isGreaterThanOrEqualTo(2);
        assertThat(c.integer("served")).as("%s", c).isPositive();
        call("POST", "/v1/stop?node=2", "{}");
        call("POST", "/v1/start?node=2", "{}");
        assertThat(call("GET", "/v1/capacity?node=2", null).fields().bool("installed", true)).isFalse();
        assertError(call("POST", "/v1/capacity?node=2", "{\"perSecond\":0}"), 400, "capacity");
    }

    @Test
    void stopAndStart_shouldTakeANodeOffAndBringItBackWithTheSameId() throws Exception {
        NodeId id = host.running(3).id();
        assertThat(call("POST", "/v1/stop?node=3", "{}").fields().bool("running", true)).isFalse();
        Res stopped = call("GET", "/v1/table?node=3", null);
        assertThat(stopped.status()).isEqualTo(409);
        assertThat(stopped.fields().string("error")).contains("stopped");
        Res started = call("POST", "/v1/start?node=3", "{}");
        assertThat(started.fields().string("id")).isEqualTo(id.toHex());
    }

    @Test
    void badRequests_shouldGetClearErrors() throws Exception {
        assertError(call("GET", "/v2/info", null), 404, "v1");
        assertError(call("GET", "/v1/nonsense", null), 404, "known");
        assertError(call("POST", "/v1/info", "{}"), 405, "GET");
        assertError(call("POST", "/v1/lookup", "{\"target\":\"xyz\"}"), 400, "40 hex digits");
        assertError(call("POST", "/v1/lookup", "{\"target\":"), 400, "malformed JSON");
        assertError(call("POST", "/v1/lookup", "{}"), 400, "'target'");
        assertError(call("POST", "/v1/lookup", "{\"target\":\"" + "a".repeat(40) + "\",\"kind\":\"PING\"}"), 400, "FIND_NODE");
        assertError(call("POST", "/v1/faults", "{\"loss\":2}"), 400, "probability");
        assertError(call("POST", "/v1/faults", "{\"latency\":5}"), 400, "unknown member 'latency'");
        assertError(call("POST", "/v1/defences", "{\"spec\":\"no-such-defence\"}"), 400, "bad defence spec");
        assertError(call("GET", "/v1/info?node=9", null), 400, "0..3");
        assertError(call("GET", "/v1/info?nod=1", null), 400, "unknown query parameter");
    }

    private static void assertError(Res r, int status, String fragment) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.fields().string("error")).contains(fragment);
    }
}
