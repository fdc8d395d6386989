package io.p2ptestbed.harness.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that created a Docker object, as recorded in its {@link DockerLabels#OWNER} label:
 * host name, pid and the process' start time (so a recycled pid is not mistaken for the owner). An
 * object whose owner runs on this host and is no longer alive is an orphan of a killed run.
 *
 * @param host         host name of the creating process
 * @param pid          its pid
 * @param startMillis  its start time in epoch milliseconds, 0 when unknown
 */
public record Owner(String host, long pid, long startMillis) {

    private static final Owner SELF = new Owner(hostName(), ProcessHandle.current().pid(),
            ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(0L));

    public static Owner self() {
        return SELF;
    }

    public String label() {
        return host + ":" + pid + ":" + startMillis;
    }

    /** Parses a label; empty when it is missing or malformed. */
    public static Optional<Owner> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] p = label.split(":");
        if (p.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Owner(p[0], Long.parseLong(p[1]), Long.parseLong(p[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this owner is a process of this host that is still running (same pid, same start time). */
    public boolean isAliveHere() {
        if (!host.equals(SELF.host)) {
            return true; // not ours to judge: another host's process
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .map(ph -> startMillis == 0 || ph.info().startInstant().map(Instant::toEpochMilli)
                        .map(s -> Math.abs(s - startMillis) < 2_000).orElse(true))
                .orElse(false);
    }

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) {
                return h.replace(':', '_');
            }
        } catch (IOException | RuntimeException ignored) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        return env == null || env.isBlank() ? "unknown-host" : env.replace(':', '_');
    }
}
