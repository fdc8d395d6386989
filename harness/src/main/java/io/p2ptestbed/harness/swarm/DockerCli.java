package io.p2ptestbed.harness.swarm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Docker CLI, which speaks to a swarm manager exactly as it would on a multi-host swarm (services, tasks,
 * overlay networks, configs, secrets); docker-java's model has no task network attachments.
 */
final class DockerCli {

    /** A docker command that failed: its arguments, exit code and standard error. */
    static final class CliException extends RuntimeException {
        CliException(String message) {
            super(message);
        }
    }

    private static final long TIMEOUT_SECONDS = 120;

    private DockerCli() {}

    /** Runs {@code docker args...}; its standard output, trimmed. Throws {@link CliException} on failure. */
    static String run(String... args) {
        return run(Arrays.asList(args));
    }

    static String run(List<String> args) {
        List<String> cmd = new ArrayList<>(args.size() + 1);
        cmd.add("docker");
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CliException("cannot run the docker CLI (" + e.getMessage() + "); install docker.io (scripts/setup.sh)");
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new CliException("docker " + String.join(" ", args) + ": no answer within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CliException("interrupted: docker " + String.join(" ", args));
        }
        if (p.exitValue() != 0) {
            throw new CliException("docker " + abbreviate(String.join(" ", args)) + " failed (exit " + p.exitValue() + "): "
                    + err.join().trim());
        }
        return out.trim();
    }

    /** The lines of a command's output, without blank ones. */
    static List<String> lines(String... args) {
        return run(args).lines().filter(l -> !l.isBlank()).toList();
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
