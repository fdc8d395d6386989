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
 * The Broadcast endpoints of the control interface ({@code POST /v1/publish}, {@code GET /v1/deliveries}, {@code GET
 * /v1/answers}) in front of
 * real nodes on 127.54.0.x: epidemic gossip over UDP, and Gnutella over TCP streams, whose frames the stream fault
 * rules delay (in order) and hold under a partition rule until it heals.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ControlServerBroadcastTest {

    /** A node host of {@code n} nodes on {@code ip}, ports from {@code portBase}, joined through its node 0, and its control interface. */
    private static ControlFixture serve(String ip, int portBase, int n, String... protocolArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--nodes", Integer.toString(n), "--port-base", Integer.toString(portBase),
                "--seeds", String.join(",", java.util.stream.IntStream.range(0, n).mapToObj(i -> Integer.toString(90 + i)).toList()),
                "--"));
        args.addAll(List.of(protocolArgs));
        args.addAll(List.of("--bind", ip, "--bootstrap", ip + ":" + portBase, "--log-every", "0"));
        return new ControlFixture(ip, 30, args.toArray(String[]::new));
    }

    /** The deliveries of {@code message} at every node of the host, by node index (null where none yet). */
    private List<Fields> deliveries(ControlFixture c, String message) throws Exception {
        Res r = c.call("GET", "/v1/deliveries?node=all&message=" + message, null);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<Fields> out = new ArrayList<>();
        for (Object o : Fields.list(r.fields().get("nodes"), "nodes")) {
            List<Object> ds = Fields.list(Fields.of(o, "node").get("deliveries"), "deliveries");
            out.add(ds.isEmpty() ? null : Fields.of(ds.get(0), "delivery"));
        }
        return out;
    }

    private List<Fields> awaitAll(ControlFixture c, String message, int n, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        List<Fields> ds = deliveries(c, message);
        while (ds.contains(null) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            ds = deliveries(c, message);
        }
        assertThat(ds).as("deliveries of %s at the %d nodes", message, n).doesNotContainNull();
        return ds;
    }

    @Test
    void epidemicNodes_publishAndReportEveryDeliveryWithHopsAndEpochTimes() throws Exception {
        try (ControlFixture served = serve("127.54.0.1", 47541, 6, "--protocol", "epidemic", "--param", "fanoutC=4", "--param",
                "pullMillis=300")) {
            NodeHost host = served.host;
            assertThat(Fields.list(served.call("GET", "/v1/info?node=1", null).fields().get("capabilities"), "c"))
                    .contains("Broadcast");
            Thread.sleep(1_500); // every node pulls the join log once more, so all know all
            long before = System.currentTimeMillis();
            Res p = served.call("POST", "/v1/publish?node=2", "{\"payload\":\"0102\"}");
            assertThat(p.status()).as("%s", p.body()).isEqualTo(200);
            String id = p.fields().string("messageId");
            assertThat(id).hasSize(16);
            assertThat(p.fields().string("origin")).isEqualTo(host.running(2).id().toHex());
            List<Fields> ds = awaitAll(served, id, 6, 10_000);
            long after = System.currentTimeMillis();
            for (int i = 0; i < 6; i++) {
                Fields d = ds.get(i);
                assertThat(d.string("at")).isEqualTo(host.running(i).id().toHex());
                assertThat(d.string("origin")).isEqualTo(host.running(2).id().toHex());
                assertThat(d.integer("hops")).as("hops at node %d", i).isBetween(i == 2 ? 0L : 1L, i == 2 ? 0L : 5L);
                assertThat(d.integer("epochMillis")).as("delivery time on the wall clock").isBetween(before - 5, after + 5);
            }
            Res counters = served.call("GET", "/v1/deliveries?node=3", null);
            assertThat(counters.fields().integer("broadcastSent")).as("node 3 forwarded the message").isPositive();
            // bad input: a malformed message id, an unknown query parameter, publish without a payload
            assertThat(served.call("GET", "/v1/deliveries?message=xyz", null).status()).isEqualTo(400);
            assertThat(served.call("GET", "/v1/deliveries?since=3", null).status()).isEqualTo(400);
            assertThat(served.call("POST", "/v1/publish", "{}").status()).isEqualTo(400);
            assertThat(served.call("GET", "/v1/publish", null).status()).isEqualTo(405);
        }
    }

    @Test
    void kademlia_answers501ToPublish() throws Exception {
        try (ControlFixture served = serve("127.54.0.3", 47561, 1, "--protocol", "kademlia")) {
            Res r = served.call("POST", "/v1/publish", "{\"payload\":\"01\"}");
            assertThat(r.status()).isEqualTo(501);
            assertThat(r.fields().string("error")).contains("kademlia").contains("Broadcast");
        }
    }

    @Test
    void gnutellaOnTcp_streamRulesDelayFramesInOrderAndHoldThemUnderAPartitionUntilTheHeal() throws Exception {
        try (ControlFixture served = serve("127.54.0.2", 47551, 3, "--protocol", "gnutella")) {
            String plain = served.call("POST", "/v1/publish?node=0", "{\"payload\":\"61\"}").fields().string("messageId");
            List<Fields> ds = awaitAll(served, plain, 3, 10_000);
            long t0 = ds.get(0).integer("epochMillis");
            long fastest = Math.max(ds.get(1).integer("epochMillis"), ds.get(2).integer("epochMillis")) - t0;

            // 400 ms of delay on every stream frame of node 0
            assertThat(served.call("POST", "/v1/faults?node=0", "{\"delayMs\":400}").status()).isEqualTo(200);
            String delayed = served.call("POST", "/v1/publish?node=0", "{\"payload\":\"62\"}").fields().string("messageId");
            ds = awaitAll(served, delayed, 3, 10_000);
            for (int i = 1; i < 3; i++) {
                assertThat(ds.get(i).integer("epochMillis") - ds.get(0).integer("epochMillis"))
                        .as("latency to node %d with 400 ms of stream delay (without: %d ms)", i, fastest).isGreaterThanOrEqualTo(400);
            }
            Map<String, Long> c = ControlJson.toStats(served.call("GET", "/v1/counters?node=0", null).fields().get("counters"));
            assertThat(c.get("fault.streamDelayed")).isPositive();

            // a partition rule (loss 1) holds node 0's frames; the heal lets them go
            assertThat(served.call("POST", "/v1/faults?node=0", "{\"loss\":1.0}").status()).isEqualTo(200);
            String held = served.call("POST", "/v1/publish?node=0", "{\"payload\":\"63\"}").fields().string("messageId");
            Thread.sleep(1_000);
            List<Fields> during = deliveries(served, held);
            assertThat(during.get(1)).as("node 1 under the partition").isNull();
            assertThat(during.get(2)).as("node 2 under the partition").isNull();
            c = ControlJson.toStats(served.call("GET", "/v1/counters?node=0", null).fields().get("counters"));
            assertThat(c.get("fault.streamHeld")).isPositive();
            assertThat(served.call("DELETE", "/v1/faults?node=0", null).status()).isEqualTo(200);
            awaitAll(served, held, 3, 10_000);
        }
    }

    @Test
    void gnutellaQueryHitsAtTheQuerier_areItsAnswers() throws Exception {
        try (ControlFixture served = serve("127.54.0.4", 47571, 4, "--protocol", "gnutella")) {
            // nobody shares "no-such-file" (6e6f... in hex): no answer
            String none = served.call("POST", "/v1/publish?node=0", "{\"payload\":\"6e6f2d737563682d66696c65\"}").fields()
                    .string("messageId");
            awaitAll(served, none, 4, 10_000);
            Thread.sleep(300);
            Res r = served.call("GET", "/v1/answers?node=0&message=" + none, null);
            assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
            assertThat(Fields.list(r.fields().get("answers"), "answers")).as("answers without a liar").isEmpty();

            // nodes 2 and 3 answer every query (the storm amplifier): two query hits come back to node 0
            assertThat(served.call("POST", "/v1/malice?node=2", "{\"mode\":\"answer-all\"}").status()).isEqualTo(200);
            assertThat(served.call("POST", "/v1/malice?node=3", "{\"mode\":\"answer-all\"}").status()).isEqualTo(200);
            long before = System.currentTimeMillis();
            String q = served.call("POST", "/v1/publish?node=0", "{\"payload\":\"6e6f2d737563682d66696c65\"}").fields()
                    .string("messageId");
            long deadline = System.currentTimeMillis() + 10_000;
            List<Object> answers = List.of();
            while (answers.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                answers = Fields.list(served.call("GET", "/v1/answers?node=0&message=" + q, null).fields().get("answers"), "answers");
            }
            assertThat(answers).as("query hits at the querier").hasSize(2);
            List<String> responders = new ArrayList<>();
            for (Object o : answers) {
                Fields a = Fields.of(o, "answer");
                assertThat(a.string("messageId")).isEqualTo(q);
                assertThat(a.integer("results")).isPositive();
                assertThat(a.integer("hops")).isBetween(1L, 3L);
                assertThat(a.integer("epochMillis")).isBetween(before - 5, System.currentTimeMillis() + 5);
                responders.add(a.string("responder"));
                assertThat(ControlJson.toAnswer(o).responder().toString()).isEqualTo(a.string("responder"));
            }
            assertThat(responders).containsExactlyInAnyOrder("127.54.0.4:47573", "127.54.0.4:47574");
            // node=all lists every node's answers; the liars heard none (they published nothing)
            List<Object> all = Fields.list(served.call("GET", "/v1/answers?node=all", null).fields().get("nodes"), "nodes");
            assertThat(all).hasSize(4);
            assertThat(Fields.list(Fields.of(all.get(2), "node").get("answers"), "answers")).isEmpty();
            // bad input
            assertThat(served.call("GET", "/v1/answers?message=xyz", null).status()).isEqualTo(400);
            assertThat(served.call("POST", "/v1/answers", "{}").status()).isEqualTo(405);
        }
    }
}
