package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.p2ptestbed.overlay.node.control.ControlFixture.Res;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The super-peer overlay's own endpoint ({@code GET /v1/superpeer/state}) in front of 4 real super-peer nodes on
 * 127.95.0.1 (node 0 joins no one and is a super-peer; the others join through it): the first node's role is super
 * and it has no parents, every leaf's parents are super-peers of the host, and a node turned malicious says so. Bad
 * input: an unknown node slot and a node of another overlay are refused with 400, naming what is wrong, and the node
 * keeps answering.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlServerSuperPeerTest {

    private static final String IP = "127.95.0.1";
    private static final int PORT_BASE = 47_951;

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        Fields.list(list, "parents").forEach(o -> out.add((String) o));
        return out;
    }

    private static Fields state(ControlFixture c, int node) throws Exception {
        Res r = c.call("GET", "/v1/superpeer/state?node=" + node, null);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        return r.fields();
    }

    @Test
    void stateGivesRolesAndParents_andBadInputIsRefused() throws Exception {
        try (ControlFixture c = new ControlFixture(IP, 30, "--nodes", "4", "--port-base", Integer.toString(PORT_BASE),
                "--seeds", "171,172,173,174", "--", "--protocol", "superpeer", "--bind", IP,
                "--bootstrap", IP + ":" + PORT_BASE, "--log-every", "0")) {
            Fields first = state(c, 0);
            assertThat(first.string("role")).as("node 0, which joined no one").isEqualTo("super");
            assertThat(strings(first.get("parents"))).as("a super-peer's parents").isEmpty();
            assertThat(first.bool("malicious", true)).isFalse();

            List<String> supers = new ArrayList<>();
            List<Integer> leaves = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                if (state(c, i).string("role").equals("super")) {
                    supers.add(IP + ":" + (PORT_BASE + i));
                } else {
                    leaves.add(i);
                }
            }
            assertThat(leaves).as("leaves among 4 nodes (the top 10% of capacities are super-peers)").isNotEmpty();
            for (int leaf : leaves) {
                long deadline = System.nanoTime() + 20_000_000_000L;
                List<String> parents = strings(state(c, leaf).get("parents"));
                while (parents.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                    parents = strings(state(c, leaf).get("parents"));
                }
                assertThat(parents).as("leaf %d's parents", leaf).isNotEmpty().isSubsetOf(supers);
            }

            assertThat(c.call("POST", "/v1/malice?node=0", "{\"mode\":\"drop\"}").status()).isEqualTo(200);
            assertThat(state(c, 0).bool("malicious", false)).as("node 0 after POST /v1/malice drop").isTrue();

            Res unknown = c.call("GET", "/v1/superpeer/state?node=7", null);
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.fields().string("error")).contains("query parameter 'node' must be in 0..3", "got '7'");
            Res notANumber = c.call("GET", "/v1/superpeer/state?node=x", null);
            assertThat(notANumber.status()).isEqualTo(400);
            assertThat(notANumber.fields().string("error")).contains("'node'", "got 'x'");
            assertThat(c.call("POST", "/v1/superpeer/state?node=0", "{}").status()).as("a POST to a GET endpoint").isEqualTo(405);
            assertThat(state(c, 1).string("role")).as("the node still answers after bad requests").isIn("super", "leaf");

            // a failed node (its slot stopped): its state is refused with 409, and the host's files list it as not running
            assertThat(c.call("POST", "/v1/stop?node=" + leaves.get(0), "{}").status()).isEqualTo(200);
            Res stopped = c.call("GET", "/v1/superpeer/state?node=" + leaves.get(0), null);
            assertThat(stopped.status()).isEqualTo(409);
            assertThat(stopped.fields().string("error")).contains("node " + leaves.get(0) + " is stopped");
            Res files = c.call("GET", "/v1/files?node=all", null);
            assertThat(files.status()).as("%s", files.body()).isEqualTo(200);
            List<Object> slots = Fields.list(files.fields().get("nodes"), "nodes");
            assertThat(slots).hasSize(4);
            assertThat(Fields.of(slots.get(leaves.get(0)), "slot").bool("running", true)).isFalse();
            assertThat(Fields.of(slots.get(0), "slot").get("files")).as("a running slot's files").isNotNull();
        }
    }

    @Test
    void aNodeOfAnotherOverlayRefusesTheStateNamingBoth() throws Exception {
        String[] chord = {"--nodes", "1", "--port-base", Integer.toString(PORT_BASE + 10), "--", "--protocol", "chord",
            "--bind", IP, "--log-every", "0"};
        try (ControlFixture c = new ControlFixture(IP, 30, chord)) {
            // the default slot and slot 0 explicitly: both name the endpoint's overlay and the node's
            for (String path : List.of("/v1/superpeer/state", "/v1/superpeer/state?node=0")) {
                Res refused = c.call("GET", path, null);
                assertThat(refused.status()).as(path).isEqualTo(400);
                assertThat(refused.fields().string("error")).as(path)
                        .contains("/v1/superpeer/state is the superpeer overlay's own endpoint", "runs the chord overlay");
            }
            assertThat(c.call("GET", "/v1/info", null).fields().bool("running", false)).as("the node keeps running").isTrue();
        }
    }
}
