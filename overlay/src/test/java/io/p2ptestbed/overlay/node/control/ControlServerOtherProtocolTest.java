package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The control interface in front of an overlay that is not Kademlia (the test-only {@code stub} protocol,
 * which offers no optional capability): neutral endpoints work, Kademlia-only ones answer 400 naming the
 * protocol, missing capabilities 501.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlServerOtherProtocolTest {

    private ControlFixture c;
    private NodeHost host;

    @BeforeAll
    void start() throws Exception {
        c = new ControlFixture("127.0.0.62", "--nodes", "2", "--port-base", "46981", "--seeds", "1,2", "--", "--protocol", "stub",
                "--param", "fanout=4", "--bind", "127.0.0.62", "--bootstrap", "127.0.0.62:46981", "--log-every", "0");
        host = c.host;
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

    private static void assertError(Res r, int status, String fragment) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(status);
        assertThat(r.fields().string("error")).contains(fragment);
    }

    @Test
    void neutralEndpoints_shouldWork() throws Exception {
        Res info = call("GET", "/v1/info?node=1", null);
        assertThat(info.fields().string("protocol")).isEqualTo("stub");
        assertThat(info.fields().bool("joined", false)).isTrue();
        assertThat(Fields.list(info.fields().get("capabilities"), "capabilities")).isEmpty();
        List<Contact> n = ControlJson.toContacts(call("GET", "/v1/neighbours?node=1", null).fields().get("contacts"), "c");
        assertThat(n).extracting(c -> c.address().toString()).containsExactly("127.0.0.62:46981");
        Map<String, Long> counters = ControlJson.toStats(call("GET", "/v1/counters?node=1", null).fields().get("counters"));
        assertThat(counters).containsEntry("stub.fanout", 4L).containsKeys("fault.rules", "fault.dropped");
        assertThat(call("POST", "/v1/faults?node=all", "{\"loss\":0.5}").status()).isEqualTo(200);
        assertThat(call("DELETE", "/v1/faults?node=all", null).status()).isEqualTo(200);
        assertThat(call("GET", "/v1/defences?node=0", null).fields().string("spec")).isEqualTo("none");
        assertThat(call("DELETE", "/v1/defences?node=all", null).status()).isEqualTo(200);
    }

    @Test
    void missingCapabilities_shouldAnswer501NamingTheProtocol() throws Exception {
        String key = "\"" + "c".repeat(40) + "\"";
        assertError(call("POST", "/v1/route", "{\"key\":" + key + "}"), 501,
                "the stub overlay does not support key-based routing (it offers no KeyRouting)");
        assertError(call("POST", "/v1/routes", "{\"keys\":[" + key + "]}"), 501, "the stub overlay does not support");
        assertError(call("POST", "/v1/put", "{\"key\":" + key + ",\"value\":\"ab\"}"), 501,
                "the stub overlay does not support put (it offers no ValueStore)");
        assertError(call("POST", "/v1/get", "{\"key\":" + key + "}"), 501, "the stub overlay does not support get");
        assertError(call("GET", "/v1/ring", null), 501, "the stub overlay does not support ring neighbours");
    }

    @Test
    void kademliaOnlyEndpoints_shouldAnswer400NamingTheProtocol() throws Exception {
        String key = "\"" + "d".repeat(40) + "\"";
        assertError(call("GET", "/v1/table", null), 400, "the stub overlay does not support the routing-table endpoint");
        assertError(call("GET", "/v1/table", null), 400, "use GET /v1/neighbours");
        assertError(call("POST", "/v1/lookup", "{\"target\":" + key + "}"), 400, "use POST /v1/route");
        assertError(call("POST", "/v1/lookups", "{\"lookups\":[]}"), 400, "the stub overlay does not support Kademlia lookups");
        assertError(call("POST", "/v1/announce", "{\"infoHash\":" + key + ",\"port\":1}"), 400,
                "the stub overlay does not support announce");
        // ping is a neutral capability (spi.Ping): an overlay without it is told so, like route without KeyRouting
        assertError(call("POST", "/v1/ping", "{\"address\":\"127.0.0.62:46981\"}"), 501, "the stub overlay does not support ping");
        assertError(call("POST", "/v1/defences?node=all", "{\"spec\":\"rate-limit\"}"), 400,
                "the stub overlay does not support the neutral defences rate-limit");
        assertError(call("POST", "/v1/defences?node=0", "{\"spec\":\"eviction\"}"), 400, "unknown neutral defence 'eviction'");
    }

    @Test
    void neutralDefences_shouldBeInstalledThroughGuardsAndReplacedOnlyOnAStoppedNode() throws Exception {
        NodeHostMain main = new NodeHostMain();
        picocli.CommandLine cmd = new picocli.CommandLine(main);
        cmd.parseArgs("--nodes", "1", "--port-base", "46991", "--seeds", "5", "--defences", "rate-limit(ip=5)", "--",
                "--protocol", "stub", "--param", "guards=true", "--bind", "127.0.0.62", "--log-every", "0");
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        NodeHost guarded = new NodeHost(main.nodeArgs(cmd), out, out);
        try {
            guarded.startAll();
            assertThat(guarded.defences(0)).startsWith("rate-limit");
            assertThat(guarded.running(0).stats()).containsEntry("stub.filters", 1L);
            assertThat(guarded.setDefences(0, guarded.defences(0))).startsWith("rate-limit"); // the same set: no change
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> guarded.setDefences(0, "ip-diversity"))
                    .isInstanceOf(NodeHost.Conflict.class).hasMessageContaining("cannot be removed from a running stub node");
            guarded.stop(0);
            assertThat(guarded.setDefences(0, "ip-diversity(table=2)")).startsWith("ip-diversity");
            guarded.start(0);
            assertThat(guarded.running(0).stats()).containsEntry("stub.filters", 1L);
            assertThat(guarded.running(0).stats().keySet()).anyMatch(k -> k.contains("diversity") || k.contains("prefix"));
        } finally {
            guarded.close();
        }
    }

    @Test
    void stopAndStart_shouldKeepTheProtocol() throws Exception {
        assertThat(call("POST", "/v1/stop?node=1", "{}").fields().string("protocol")).isEqualTo("stub");
        Res started = call("POST", "/v1/start?node=1", "{}");
        assertThat(started.fields().string("protocol")).isEqualTo("stub");
        assertThat(started.fields().bool("running", false)).isTrue();
    }
}
