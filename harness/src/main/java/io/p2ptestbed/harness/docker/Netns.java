package io.p2ptestbed.harness.docker;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Commands run in a container's network namespace from the host ({@code nsenter -t PID -n ...}): the
 * node images are FROM scratch and have no iptables or ip of their own. Needs root, {@code nsenter}
 * (util-linux) and {@code iptables} (a dependency of docker.io) on the host. This kernel has no netem;
 * iptables DROP rules (with the statistic match for random loss) are what works.
 */
final class Netns {

    private Netns() {}

    /** Applies an {@code iptables-restore --noflush} script in the namespace of process {@code pid}. */
    static void iptablesRestore(long pid, String script) {
        run(pid, List.of("iptables-restore", "--noflush"), script);
    }

    /** Adds {@code ip/prefix} to eth0 (attacker containers hosting several Sybil IPs). */
    static void addAddress(long pid, String cidr) {
        run(pid, List.of("ip", "addr", "add", cidr, "dev", "eth0"), null);
    }

    /** Adds every address to the container's eth0 in one {@code ip -batch} (one nsenter for hundreds of addresses). */
    static void addAddresses(long pid, List<String> cidrs) {
        if (cidrs.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        cidrs.forEach(c -> sb.append("addr add ").append(c).append(" dev eth0\n"));
        run(pid, List.of("ip", "-batch", "-"), sb.toString());
    }

    private static void run(long pid, List<String> command, String stdin) {
        if (pid <= 0) {
            throw new IllegalStateException("container is not running: no network namespace to enter");
        }
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(pid), "-n"));
        cmd.addAll(command);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (stdin != null) {
                try (OutputStream os = p.getOutputStream()) {
                    os.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            } else {
                p.getOutputStream().close();
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + out.strip() + hint());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage() + hint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd), e);
        }
    }

    private static String hint() {
        return "; network faults in containers need root, nsenter (util-linux) and iptables/iproute2 on the host"
                + " (apt-get install -y iptables iproute2)";
    }
}
