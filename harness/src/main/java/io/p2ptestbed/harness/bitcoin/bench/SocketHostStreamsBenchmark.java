package io.p2ptestbed.harness.bitcoin.bench;

import io.p2ptestbed.adversary.bitcoin.BitcoinSybil;
import io.p2ptestbed.harness.docker.DockerBenchmark;
import io.p2ptestbed.harness.docker.DockerNode;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.transport.stream.StreamLimits;
import io.p2ptestbed.overlay.transport.stream.StreamTransport;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How many Bitcoin Sybils one attacker container's socket host holds as TCP stream endpoints (Heilman et al.'s
 * attacker addresses): binds {@code N} endpoints on one attacker ip (consecutive ports), each an unchanged
 * {@link BitcoinSybil}; then a node container pings {@code K} of them (a one-shot TCP connection each: handshake,
 * ping, pong) and 117 of them hold connections to it (its inbound slots). Prints the bind time, the socket host's
 * memory (docker stats), the harness JVM's CPU seconds and the load average. A benchmark that prints, not a test.
 * Usage: {@code SocketHostStreamsBenchmark [N=2000] [K=20]}.
 */
public final class SocketHostStreamsBenchmark {

    private SocketHostStreamsBenchmark() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        DockerRuntime rt = new DockerRuntime(Scenario.defaults("socket-host-streams-bench", 2).withRuntime(RuntimeKind.DOCKER)
                .withSeed(43).withProtocol("bitcoin"));
        try {
            rt.start();
            System.out.printf(Locale.ROOT, "[bench] load average %s%n", load());
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            List<BitcoinSybil> sybils = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                NodeAddress a = new NodeAddress(rt.plan().attackerHostIp(0), 10_000 + i);
                StreamTransport st = rt.attackers().openStreams(a, StreamLimits.DEFAULT);
                BitcoinSybil y = new BitcoinSybil(a, st, rt.attackers().scheduler(), new SplittableRandom(i), rt.attackers().guard());
                rt.attackers().scheduler().execute(y::start);
                sybils.add(y);
            }
            long bind = ms(t0);
            Thread.sleep(3_000);
            String host = rt.attackers().containers().get(0).id();
            System.out.printf(Locale.ROOT, "[bench] %d stream endpoints bound in one attacker container in %d ms (%.2f ms each); "
                    + "socket host memory %s MiB (docker stats)%n", n, bind, (double) bind / n,
                    DockerBenchmark.dockerStatsMiB(List.of(host)));
            DockerNode node = rt.node(0);
            long t1 = System.nanoTime();
            int answered = 0;
            for (int j = 0; j < k; j++) {
                NodeAddress a = sybils.get((int) ((long) j * n / k)).address();
                if (node.control().ping(node.slot(), a)) {
                    answered++;
                }
            }
            System.out.printf(Locale.ROOT, "[bench] node 0 pinged %d Sybils over TCP: %d answered, %d ms%n", k, answered, ms(t1));
            int hold = Math.min(n, 117);
            for (int j = 0; j < hold; j++) {
                sybils.get(j).hold(node.address());
            }
            Thread.sleep(5_000);
            int held = 0;
            for (int j = 0; j < hold; j++) {
                BitcoinSybil y = sybils.get(j);
                held += CompletableFuture.supplyAsync(y::held, rt.attackers().scheduler()::execute).get(10, TimeUnit.SECONDS);
            }
            System.out.printf(Locale.ROOT, "[bench] %d Sybils asked to hold a connection to node 0: %d held after 5 s; "
                    + "socket host memory now %s MiB; harness CPU %.1f s; load average %s%n", hold, held,
                    DockerBenchmark.dockerStatsMiB(List.of(host)), (cpuNanos() - cpu0) / 1e9, load());
        } finally {
            rt.close();
        }
    }

    private static long ms(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
