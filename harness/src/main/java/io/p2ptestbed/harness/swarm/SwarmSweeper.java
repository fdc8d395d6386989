package io.p2ptestbed.harness.swarm;

import io.p2ptestbed.harness.docker.DockerLabels;
import io.p2ptestbed.harness.docker.Owner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Removes the swarm runtime's objects, selected by the {@link SwarmLabels#SWARM} label only (the docker
 * runtime's containers and networks carry no such label and are never touched): services first (swarm then
 * stops their tasks), the relay containers, configs and secrets, then the overlay networks, retried until
 * their last task has let go of them. {@link #sweepOrphans} removes what killed runs left (the owner process
 * is gone); {@link #sweepRun} one run's objects.
 */
public final class SwarmSweeper {

    /** What a sweep removed, and what it could not. */
    public record Result(List<String> removed, List<String> failures) {
        public boolean clean() {
            return failures.isEmpty();
        }

        @Override
        public String toString() {
            return "removed " + removed.size() + " swarm object(s) " + removed + (failures.isEmpty() ? "" : ", failures: " + failures);
        }
    }

    private static final long NETWORK_WAIT_MILLIS = 90_000;

    private SwarmSweeper() {}

    /** Objects whose owner process no longer runs on this host: what a killed run left behind. */
    public static Result sweepOrphans() {
        return sweep(List.of(), owner -> Owner.parse(owner).map(o -> !o.isAliveHere()).orElse(true));
    }

    /** Every object of run {@code runId}. */
    public static Result sweepRun(String runId) {
        return sweep(List.of("--filter", "label=" + DockerLabels.RUN + "=" + runId), owner -> true);
    }

    private static Result sweep(List<String> filters, Predicate<String> ownerGone) {
        List<String> removed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // services: the spec's labels; swarm stops and removes their tasks
        List<String[]> services = select(List.of("service", "ls", "-q"), filters, List.of("service", "inspect", "--format",
                "{{.ID}} {{.Spec.Name}} {{index .Spec.Labels \"" + DockerLabels.OWNER + "\"}}"), ownerGone);
        remove("service", services, removed, failures);
        awaitTasksGone(services, failures);
        remove("container", select(List.of("ps", "-aq"), withRole(filters, "relay"), List.of("inspect", "--format",
                "{{.Id}} {{.Name}} {{index .Config.Labels \"" + DockerLabels.OWNER + "\"}}"), ownerGone), removed, failures);
        remove("config", select(List.of("config", "ls", "-q"), filters, List.of("config", "inspect", "--format",
                "{{.ID}} {{.Spec.Name}} {{index .Spec.Labels \"" + DockerLabels.OWNER + "\"}}"), ownerGone), removed, failures);
        remove("secret", select(List.of("secret", "ls", "-q"), filters, List.of("secret", "inspect", "--format",
                "{{.ID}} {{.Spec.Name}} {{index .Spec.Labels \"" + DockerLabels.OWNER + "\"}}"), ownerGone), removed, failures);
        List<String[]> networks = select(List.of("network", "ls", "-q"), filters, List.of("network", "inspect", "--format",
                "{{.Id}} {{.Name}} {{index .Labels \"" + DockerLabels.OWNER + "\"}}"), ownerGone);
        long deadline = System.currentTimeMillis() + NETWORK_WAIT_MILLIS;
        for (String[] n : networks) {
            while (true) {
                boolean gone;
                try {
                    DockerCli.run("network", "rm", n[0]);
                    gone = true;
                } catch (DockerCli.CliException e) {
                    gone = e.getMessage().contains("No such network") || e.getMessage().contains("not found");
                    if (!gone && System.currentTimeMillis() > deadline) {
                        failures.add("network " + n[1] + ": " + e.getMessage());
                        break;
                    }
                }
                // removed from the swarm; this engine keeps its copy until its last task endpoint is gone
                if (gone && DockerCli.run("network", "ls", "-q", "--filter", "id=" + n[0]).isEmpty()) {
                    removed.add("network " + n[1]);
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    failures.add("network " + n[1] + ": still on this engine after " + NETWORK_WAIT_MILLIS + " ms");
                    break;
                }
                sleep(500); // the removed services' tasks still hold endpoints on it
            }
        }
        return new Result(removed, failures);
    }

    /**
     * Waits until this engine runs no task container of the removed services (swarm stops them after the
     * services are gone; their overlay network leaves this engine only after the last one). Bounded.
     */
    private static void awaitTasksGone(List<String[]> services, List<String> failures) {
        if (services.isEmpty()) {
            return;
        }
        long deadline = System.currentTimeMillis() + NETWORK_WAIT_MILLIS;
        for (String[] svc : services) { // one filter each: label filters are ANDed
            while (!DockerCli.run("ps", "-aq", "--filter", "label=com.docker.swarm.service.id=" + svc[0]).isEmpty()) {
                if (System.currentTimeMillis() > deadline) {
                    failures.add("task containers of service " + svc[1] + " still present after " + NETWORK_WAIT_MILLIS + " ms");
                    return;
                }
                sleep(250);
            }
        }
    }

    private static List<String> withRole(List<String> filters, String role) {
        List<String> f = new ArrayList<>(filters);
        f.addAll(List.of("--filter", "label=" + DockerLabels.ROLE + "=" + role));
        return f;
    }

    /** {@code [id, name]} of the swarm-labelled objects that match {@code filters} and whose owner is gone. */
    private static List<String[]> select(List<String> list, List<String> filters, List<String> inspect,
                                         Predicate<String> ownerGone) {
        List<String> cmd = new ArrayList<>(list);
        cmd.addAll(List.of("--filter", "label=" + SwarmLabels.SWARM + "=1"));
        cmd.addAll(filters);
        List<String> ids = DockerCli.run(cmd).lines().filter(l -> !l.isBlank()).distinct().toList();
        List<String[]> out = new ArrayList<>();
        if (ids.isEmpty()) {
            return out;
        }
        List<String> ins = new ArrayList<>(inspect);
        ins.addAll(ids);
        String text;
        try {
            text = DockerCli.run(ins);
        } catch (DockerCli.CliException e) {
            return out; // removed meanwhile (another sweep)
        }
        for (String line : text.lines().toList()) {
            String[] f = line.trim().split(" ", 3);
            if (f.length >= 2 && ownerGone.test(f.length == 3 ? f[2] : null)) {
                out.add(new String[] {f[0], f[1].replaceFirst("^/", "")});
            }
        }
        return out;
    }

    private static void remove(String kind, List<String[]> objects, List<String> removed, List<String> failures) {
        for (String[] o : objects) {
            try {
                if (kind.equals("container")) {
                    DockerCli.run("rm", "-f", "-v", o[0]);
                } else {
                    DockerCli.run(kind, "rm", o[0]);
                }
                removed.add(kind + " " + o[1]);
            } catch (DockerCli.CliException e) {
                if (!e.getMessage().contains("No such") && !e.getMessage().contains("not found")) {
                    failures.add(kind + " " + o[1] + ": " + e.getMessage());
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while removing swarm networks", e);
        }
    }
}
