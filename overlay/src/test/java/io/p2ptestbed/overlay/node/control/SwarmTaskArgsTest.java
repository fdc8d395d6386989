package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a Swarm task needs from the node host and the control relay: its slot's ids and seeds out of the
 * service's shared command line, its address inside the overlay's subnet, and a relay that forwards only
 * into the allowed subnet (bad targets answered with a message, not a crash).
 */
class SwarmTaskArgsTest {

    private static String arg(String[] a, String name) {
        List<String> l = Arrays.asList(a);
        return l.get(l.indexOf(name) + 1);
    }

    @Test
    void aTaskTakesTheIdsAndSeedsOfItsSlot() {
        NodeHostMain m = new NodeHostMain();
        CommandLine cmd = new CommandLine(m);
        String id = "%040x";
        cmd.parseArgs("--nodes", "2", "--ids", String.format(id, 1) + "," + String.format(id, 2) + "," + String.format(id, 3)
                + "," + String.format(id, 4), "--seeds", "11,12,13,14", "--", "--bind", "127.0.0.1");
        m.takeSlot(cmd, "2");
        List<String[]> per = m.nodeArgs(cmd);
        assertThat(per).hasSize(2);
        assertThat(arg(per.get(0), "--id")).isEqualTo(String.format(id, 3));
        assertThat(arg(per.get(1), "--seed")).isEqualTo("14");
        assertThatThrownBy(() -> m.takeSlot(cmd, "3")).hasMessageContaining("not enough for slot 3");
        assertThatThrownBy(() -> m.takeSlot(cmd, null)).hasMessageContaining("unset");
        assertThatThrownBy(() -> m.takeSlot(cmd, "x")).hasMessageContaining("'x'");
    }

    @Test
    void aTaskBindsToItsAddressInsideTheSubnet() {
        CommandLine cmd = new CommandLine(new NodeHostMain());
        assertThat(NodeHostMain.addressIn(cmd, "127.0.0.0/8")).startsWith("127.");
        assertThatThrownBy(() -> NodeHostMain.addressIn(cmd, "198.51.100.0/24")).hasMessageContaining("no address in it");
        assertThatThrownBy(() -> NodeHostMain.addressIn(cmd, "10.1.0.0")).hasMessageContaining("IPv4 CIDR");
        assertThatThrownBy(() -> NodeHostMain.addressIn(cmd, "host.example/16")).hasMessageContaining("IPv4 CIDR");
    }

    @Test
    void theRelayForwardsIntoTheAllowedSubnetOnly() throws Exception {
        HttpServer backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            byte[] answer = ("{\"method\":\"" + ex.getRequestMethod() + "\",\"path\":\"" + ex.getRequestURI() + "\",\"body\":"
                    + (body.length == 0 ? "null" : new String(body, StandardCharsets.UTF_8)) + "}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().endsWith("missing") ? 404 : 200, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        backend.start();
        RelayMain relay = new RelayMain();
        CommandLine cmd = new CommandLine(relay);
        cmd.parseArgs("--port", "0", "--allow", "127.0.0.0/8");
        relay.parseSubnets(cmd);
        HttpServer server = relay.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + RelayMain.PREFIX;
            String target = "127.0.0.1:" + backend.getAddress().getPort();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + target + "/v1/routes?node=2"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"keys\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"method\":\"POST\"", "\"path\":\"/v1/routes?node=2\"", "\"body\":{\"keys\":[]}");
            assertThat(get(http, base + target + "/v1/missing").statusCode()).as("status passed through").isEqualTo(404);
            HttpResponse<String> outside = get(http, base + "10.0.0.1:7000/v1/nodes");
            assertThat(outside.statusCode()).isEqualTo(403);
            assertThat(outside.body()).contains("outside the allowed subnets");
            assertThat(get(http, base + "not-an-ip:7000/v1/nodes").statusCode()).isEqualTo(400);
            HttpResponse<String> down = get(http, base + "127.0.0.1:1/v1/nodes");
            assertThat(down.statusCode()).isEqualTo(502);
            assertThat(down.body()).contains("unreachable");
            assertThat(get(http, base.replace(RelayMain.PREFIX, "/v1/nodes")).statusCode()).isEqualTo(404);
        } finally {
            server.stop(0);
            backend.stop(0);
        }
    }

    @Test
    void theRelayRefusesBadSubnets() {
        RelayMain relay = new RelayMain();
        CommandLine cmd = new CommandLine(relay);
        cmd.parseArgs("--allow", "0.0.0.0/0");
        assertThatThrownBy(() -> relay.parseSubnets(cmd)).hasMessageContaining("/8 or narrower");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
