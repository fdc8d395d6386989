package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * Pastry's own endpoint ({@code GET /v1/pastry/state}) and transport faults in place before the nodes start
 * ({@code --faults}), in front of 4 real Pastry nodes on 127.97.0.1: the state lists the host's other nodes, the
 * start-up rules are the slot's rules from the first datagram on (the joins already meet them), and a bad
 * {@code --faults} is refused before anything starts, naming what is wrong.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlServerPastryTest {

    private static final String IP = "127.97.0.1";
    private static final int PORT_BASE = 47_971;

    private static String[] args(String faults) {
        List<String> a = new ArrayList<>(List.of("--nodes", "4", "--port-base", Integer.toString(PORT_BASE),
                "--seeds", "81,82,83,84"));
        if (faults != null) {
            a.addAll(List.of("--faults", faults));
        }
        a.addAll(List.of("--", "--protocol", "pastry", "--bind", IP, "--bootstrap", IP + ":" + PORT_BASE, "--log-every", "0"));
        return a.toArray(String[]::new);
    }

    private static List<String> addresses(Object contacts) {
        List<String> out = new ArrayList<>();
        Fields.list(contacts, "contacts").forEach(c -> out.add(Fields.of(c, "contact").string("address")));
        return out;
    }

    @Test
    void stateListsTheOtherNodes_andStartUpFaultsAreInPlaceFromTheStart() throws Exception {
        String far = IP + ":" + (PORT_BASE + 3);
        String faults = "{\"nodes\":[{\"rules\":[{\"delayMs\":40,\"peers\":[\"" + far + "\"]}]},{},{},{\"delayMs\":40}]}";
        try (ControlFixture c = new ControlFixture(IP, 30, args(faults))) {
            List<String> others = List.of(IP + ":" + (PORT_BASE + 1), IP + ":" + (PORT_BASE + 2), far);
            long deadline = System.nanoTime() + 20_000_000_000L;
            Fields state;
            do {
                Res r = c.call("GET", "/v1/pastry/state?node=0", null);
                assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
                state = r.fields();
                Thread.sleep(100);
            } while ((addresses(state.get("leafSet")).size() < 3 || addresses(state.get("neighbourhoodSet")).size() < 3)
                    && System.nanoTime() < deadline);
            assertThat(addresses(state.get("leafSet"))).as("node 0's leaf set").containsExactlyInAnyOrderElementsOf(others);
            List<String> nearest = addresses(state.get("neighbourhoodSet"));
            assertThat(nearest).as("node 0's neighbourhood set").containsExactlyInAnyOrderElementsOf(others);
            // ordered by measured round trip: the far node (40 ms more from node 0 to it, and 40 ms more on all of node
            // 3's own datagrams, both in place before the first datagram) comes last
            assertThat(nearest.get(2)).as("node 0's neighbourhood set, nearest first").isEqualTo(far);
            List<String> table = new ArrayList<>();
            Fields.list(state.get("rows"), "rows").forEach(row -> table.addAll(addresses(row)));
            assertThat(table).as("node 0's routing table").isNotEmpty().isSubsetOf(others);

            Fields rules0 = c.call("GET", "/v1/faults?node=0", null).fields();
            Fields rule = Fields.of(Fields.list(rules0.get("rules"), "rules").get(0), "rule");
            assertThat(rule.integer("delayMs")).isEqualTo(40);
            assertThat(Fields.list(rule.get("peers"), "peers")).containsExactly(far);
            assertThat(Fields.list(c.call("GET", "/v1/faults?node=1", null).fields().get("rules"), "rules")).isEmpty();
        }
    }

    private static List<Boolean> repairOfEveryNode(Res r) {
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<Boolean> out = new ArrayList<>();
        Fields.list(r.fields().get("nodes"), "nodes").forEach(n -> out.add(Fields.of(n, "node").bool("table", true)));
        return out;
    }

    /** A bad repair request: 400, its message naming what is wrong. */
    private static void refused(ControlFixture c, String node, String body, String... named) throws Exception {
        Res r = c.call("POST", "/v1/pastry/repair?node=" + node, body);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
        assertThat(r.fields().string("error")).contains(named);
    }

    @Test
    void tableRepairIsSwitchedOffAndOnInEveryNode_andBadRequestsAreRefused() throws Exception {
        try (ControlFixture c = new ControlFixture(IP, 30, "--nodes", "4", "--port-base", Integer.toString(PORT_BASE + 20),
                "--", "--protocol", "pastry", "--bind", IP, "--bootstrap", IP + ":" + (PORT_BASE + 20), "--log-every", "0")) {
            // the parameter's default: repair on in every node
            assertThat(repairOfEveryNode(c.call("GET", "/v1/pastry/repair?node=all", null))).containsExactly(true, true, true, true);
            // off in every node, read back on each node's own loop
            assertThat(repairOfEveryNode(c.call("POST", "/v1/pastry/repair?node=all", "{\"table\": false}")))
                    .containsExactly(false, false, false, false);
            assertThat(c.call("GET", "/v1/pastry/repair?node=2", null).fields().bool("table", true)).isFalse();
            // one node back on; the others stay off
            Res one = c.call("POST", "/v1/pastry/repair?node=1", "{\"table\": true}");
            assertThat(one.status()).as("%s", one.body()).isEqualTo(200);
            assertThat(one.fields().bool("table", false)).isTrue();
            assertThat(repairOfEveryNode(c.call("GET", "/v1/pastry/repair?node=all", null))).containsExactly(false, true, false, false);
            // a stopped node is named as such, the running ones still switch
            assertThat(c.call("POST", "/v1/stop?node=3", "{}").status()).isEqualTo(200);
            Res all = c.call("POST", "/v1/pastry/repair?node=all", "{\"table\": true}");
            assertThat(all.status()).as("%s", all.body()).isEqualTo(200);
            List<Object> nodes = Fields.list(all.fields().get("nodes"), "nodes");
            assertThat(nodes.subList(0, 3)).allSatisfy(n -> assertThat(Fields.of(n, "node").bool("table", false)).isTrue());
            assertThat(Fields.of(nodes.get(3), "node").bool("running", true)).isFalse();
            assertThat(c.call("GET", "/v1/pastry/repair?node=3", null).status()).isEqualTo(409);

            // bad input: a clear message, and the nodes keep their state and keep running
            refused(c, "0", "{}", "needs member 'table'");
            refused(c, "0", "{\"table\": \"off\"}", "'table' must be true or false", "string");
            refused(c, "0", "{\"table\": false, \"leaf\": false}", "unknown member 'leaf'");
            refused(c, "0", "[false]", "expected a JSON object", "array");
            refused(c, "9", "{\"table\": false}", "'node' must be in 0..3");
            assertThat(c.call("DELETE", "/v1/pastry/repair?node=0", null).status()).isEqualTo(405);
            assertThat(repairOfEveryNode(c.call("GET", "/v1/pastry/repair?node=all", null)).subList(0, 3))
                    .containsExactly(true, true, true);
            assertThat(c.call("GET", "/v1/info?node=0", null).fields().bool("running", false)).isTrue();
        }
    }

    @Test
    void theStateOfAnotherOverlayIsRefusedNamingBoth() throws Exception {
        try (ControlFixture c = new ControlFixture(IP, 30, "--nodes", "1", "--port-base", Integer.toString(PORT_BASE + 10), "--",
                "--protocol", "chord", "--bind", IP, "--log-every", "0")) {
            Res r = c.call("GET", "/v1/pastry/state?node=0", null);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.fields().string("error")).contains("/v1/pastry/state is the pastry overlay's own endpoint", "chord");
            Res repair = c.call("POST", "/v1/pastry/repair?node=0", "{\"table\": false}");
            assertThat(repair.status()).isEqualTo(400);
            assertThat(repair.fields().string("error")).contains("/v1/pastry/repair is the pastry overlay's own endpoint", "chord");
        }
    }

    @Test
    void badFaultsAreRefusedBeforeAnythingStarts() {
        NodeHostMain m = new NodeHostMain();
        CommandLine cmd = new CommandLine(m);
        cmd.parseArgs(args("{\"nodes\":[{}]}"));
        assertThatThrownBy(() -> m.nodeArgs(cmd)).hasMessageContaining("--faults: 'nodes' needs exactly one entry per node (4), got 1");
        NodeHostMain m2 = new NodeHostMain();
        CommandLine cmd2 = new CommandLine(m2);
        cmd2.parseArgs(args("{\"nodes\":[{},{},{},{\"delayMs\":-5}]}"));
        assertThatThrownBy(() -> m2.nodeArgs(cmd2)).hasMessageContaining("--faults").hasMessageContaining("delayMs");
        NodeHostMain m3 = new NodeHostMain();
        CommandLine cmd3 = new CommandLine(m3);
        cmd3.parseArgs(args("{nodes"));
        assertThatThrownBy(() -> m3.nodeArgs(cmd3)).hasMessageContaining("--faults");
    }
}
