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

    /** GETs {@code path} (200 every time) until {@code done} holds or 20 s pass; the last answer. */
    private static Fields poll(ControlFixture c, String path, java.util.function.Predicate<Fields> done) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Fields f;
        do {
            Res r = c.call("GET", path, null);
            assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
            f = r.fields();
            Thread.sleep(100);
        } while (!done.test(f) && System.nanoTime() < deadline);
        return f;
    }

    @Test
    void stateListsTheOtherNodes_andStartUpFaultsAreInPlaceFromTheStart() throws Exception {
        String far = IP + ":" + (PORT_BASE + 3);
        String faults = "{\"nodes\":[{\"rules\":[{\"delayMs\":40,\"peers\":[\"" + far + "\"]}]},{},{},{\"delayMs\":40}]}";
        try (ControlFixture c = new ControlFixture(IP, 30, args(faults))) {
            List<String> others = List.of(IP + ":" + (PORT_BASE + 1), IP + ":" + (PORT_BASE + 2), far);
            Fields state = poll(c, "/v1/pastry/state?node=0", f -> addresses(f.get("leafSet")).size() >= 3
                    && addresses(f.get("neighbourhoodSet")).size() >= 3);
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

    /** Singh et al.'s degree bound through the control interface: 4 nodes on 127.62.0.1 with degreeBound 8, audited. */
    @Test
    void degreeListsBackPointersAndBans_andANodeWithoutTheBoundAnswersEmpty() throws Exception {
        String ip = "127.62.0.1";
        int base = 47_621;
        try (ControlFixture c = new ControlFixture(ip, 30, "--nodes", "4", "--port-base", Integer.toString(base),
                "--seeds", "91,92,93,94", "--", "--protocol", "pastry", "--param", "degreeBound=8", "--param", "audit=on",
                "--param", "auditMillis=500", "--bind", ip, "--bootstrap", ip + ":" + base, "--log-every", "0")) {
            List<String> everyone = List.of(ip + ":" + base, ip + ":" + (base + 1), ip + ":" + (base + 2), ip + ":" + (base + 3));
            Fields d = poll(c, "/v1/pastry/degree?node=1", f -> !addresses(f.get("backPointers")).isEmpty());
            assertThat(d.integer("degreeBound")).isEqualTo(8);
            assertThat(d.bool("audit", false)).isTrue();
            // node 1's back-pointers: the other nodes that hold it in their routing tables (all 4 share row 0)
            assertThat(addresses(d.get("backPointers"))).as("node 1's back-pointers").isNotEmpty().hasSizeLessThanOrEqualTo(3)
                    .isSubsetOf(everyone).doesNotContain(ip + ":" + (base + 1));
            // honest nodes within the bound: their audits of each other pass, nobody is banned
            Thread.sleep(2_000);
            for (int i = 0; i < 4; i++) {
                Fields n = c.call("GET", "/v1/pastry/degree?node=" + i, null).fields();
                assertThat(Fields.list(n.get("banned"), "banned")).as("node %d's bans", i).isEmpty();
            }
        }
        try (ControlFixture c = new ControlFixture(ip, 30, "--nodes", "1", "--port-base", Integer.toString(base + 10), "--",
                "--protocol", "pastry", "--bind", ip, "--log-every", "0")) {
            Fields d = c.call("GET", "/v1/pastry/degree", null).fields();
            assertThat(d.integer("degreeBound")).isZero();
            assertThat(d.bool("audit", true)).isFalse();
            assertThat(Fields.list(d.get("backPointers"), "backPointers")).isEmpty();
            assertThat(Fields.list(d.get("banned"), "banned")).isEmpty();
            Res post = c.call("POST", "/v1/pastry/degree", "{}");
            assertThat(post.status()).isEqualTo(405);
            Res bad = c.call("GET", "/v1/pastry/degree?node=7", null);
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.fields().string("error")).contains("'node' must be in 0..0", "got '7'");
        }
    }

    @Test
    void theDegreeOfAnotherOverlayIsRefusedNamingBoth() throws Exception {
        try (ControlFixture c = new ControlFixture("127.62.0.2", 30, "--nodes", "1", "--port-base", "47640", "--",
                "--protocol", "chord", "--bind", "127.62.0.2", "--log-every", "0")) {
            Res r = c.call("GET", "/v1/pastry/degree?node=0", null);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.fields().string("error")).contains("/v1/pastry/degree is the pastry overlay's own endpoint", "chord");
        }
    }

    /** {@code --malice} is checked before anything starts; each refusal names what is wrong. */
    @Test
    void badMaliceIsRefusedBeforeAnythingStarts() {
        String fellow = "{\"id\":\"" + "ab".repeat(20) + "\",\"address\":\"127.62.0.9:6881\"}";
        assertThatThrownBy(() -> maliceArgs("{\"nodes\":[{}]}")).hasMessageContaining(
                "--malice: 'nodes' needs exactly one entry per node (4), got 1");
        // the overlay module alone has no Pastry malice (the adversary's is on the node image's class path)
        assertThatThrownBy(() -> maliceArgs("{\"nodes\":[{},{\"mode\":\"eclipse\",\"colluders\":[" + fellow + "]},{},{}]}"))
                .hasMessageContaining("--malice: the pastry overlay has no node malice on this host's class path (node 1 asks "
                        + "for 'eclipse')");
        assertThatThrownBy(() -> maliceArgs("{\"nodes\":[{},{\"colluders\":[" + fellow + "]},{},{}]}"))
                .hasMessageContaining("--malice: node 1 names colluders but no 'mode'");
        assertThatThrownBy(() -> maliceArgs("{\"nodes\":[{},{},{\"mode\":\"eclipse\",\"when\":3},{}]}"))
                .hasMessageContaining("--malice").hasMessageContaining("when");
        assertThatThrownBy(() -> maliceArgs("{\"nodes\":[{},{},{},{\"mode\":7}]}")).hasMessageContaining("--malice")
                .hasMessageContaining("mode");
        assertThatThrownBy(() -> maliceArgs("{nodes")).hasMessageContaining("--malice");
        assertThat(new NodeHostMainProbe().parsed("{\"nodes\":[{},{},{},{}]}")).as("every node honest").containsOnlyNulls();
    }

    private static void maliceArgs(String malice) {
        new NodeHostMainProbe().parsed(malice);
    }

    private static final class NodeHostMainProbe {
        List<NodeHost.StartMalice> parsed(String malice) {
            List<String> a = new ArrayList<>(List.of(args(null)));
            a.addAll(0, List.of("--malice", malice));
            NodeHostMain m = new NodeHostMain();
            CommandLine cmd = new CommandLine(m);
            cmd.parseArgs(a.toArray(String[]::new));
            m.nodeArgs(cmd);
            return m.initialMalice;
        }
    }
}
