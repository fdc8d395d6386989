package io.p2ptestbed.features.steps.superpeer;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.steps.SearchTallies;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.harness.superpeer.SuperPeerService;
import io.p2ptestbed.harness.workload.FileSearches;
import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The super-peer network's sentences: the share of super-peers, the leaves' parents, searches graded against
 * what the live leaves share, malicious super-peers (dropping or poisoning), Sybil super-peers that claim the
 * highest capacity, super-peers failing at once; defences: two parents per leaf, and reputation.
 */
public class SuperPeerSteps {

    private final TestbedWorld world;
    private final Set<NodeAddress> sybils = new LinkedHashSet<>();
    private FileSearches.Tally last;

    public SuperPeerSteps(TestbedWorld world) {
        this.world = world;
    }

    @Given("leaves attach to {int} super-peers")
    public void parents(int n) {
        Steps.count("the parents per leaf", n, 1, 4);
        world.configure(s -> s.withParams(Map.of("parents", "" + n)));
    }

    @Given("leaves keep a reputation of their super-peers")
    public void reputation() {
        world.configure(s -> s.withParams(Map.of("reputation", "true")));
    }

    @Given("{int}% of the super-peers {word} every query")
    public void malice(int percent, String what) {
        Steps.count("the share of malicious super-peers", percent, 1, 100);
        String malice = switch (what) {
            case "drop" -> "drop";
            case "poison" -> "poison";
            default -> throw new IllegalArgumentException("malicious super-peers 'drop' or 'poison' every query, got '" + what + "'");
        };
        Malice m = new Malice(world, malice, percent);
        if (world.started()) {
            m.afterStart(world.runtime());
        } else {
            world.extension(Malice.class, () -> m);
        }
    }

    /** Exactly that share of the super-peers turns malicious once the network is built. */
    private record Malice(TestbedWorld world, String mode, int percent) implements TestbedWorld.RuntimeListener {
        @Override
        public void afterStart(NetworkRuntime rt) {
            if (!rt.scenario().protocolName().equals("superpeer")) {
                throw new UnsupportedCapabilityException("malicious super-peers need a superpeer network (use 'a superpeer "
                        + "network of N nodes')");
            }
            int n = SuperPeerService.turnMalicious(rt, mode, percent, world.rng("superpeer-malice"));
            world.record("superpeers_malicious", n);
        }
    }

    @When("{int} searches run from random leaves")
    public void searches(int count) {
        Steps.count("the number of searches", count, 1, 100_000);
        last = SuperPeerService.searches(anyRuntime(), count, count * 20L, world.rng("superpeer-searches"));
        world.recordAll("superpeer_", last.asMap(""));
        world.snapshot(String.format("%d searches: %.1f%% served", count, 100 * last.serviceRatio()));
    }

    @When("{int} Sybil super-peers claiming the highest capacity join")
    public void sybils(int count) {
        List<Contact> made = SuperPeerService.sybilSuperPeers(anyRuntime(), count, world.rng("superpeer-sybils"));
        made.forEach(c -> sybils.add(c.address()));
        world.attackers().addAll(made);
        world.snapshot(count + " Sybil super-peers joined");
    }

    @When("{int}% of the super-peers fail at once")
    public void fail(int percent) {
        Steps.count("the share of super-peers that fail", percent, 1, 100);
        int n = SuperPeerService.failSuperPeers(anyRuntime(), percent, world.rng("superpeer-failures"));
        world.record("superpeers_failed", n);
        world.snapshot(n + " super-peers failed");
    }

    @Then("between {int}% and {int}% of the nodes are super-peers")
    public void superShare(int lo, int hi) {
        LocalRuntime rt = runtime();
        double share = 100.0 * SuperPeerService.superPeers(rt).size() / rt.liveNodes().size();
        world.record("superpeer_share", share / 100);
        assertThat(share).as("super-peers among the live nodes, in %").isBetween((double) lo, (double) hi);
    }

    @Then("every leaf has {int} parents")
    public void everyLeaf(int n) {
        Map<NodeAddress, List<NodeAddress>> ps = SuperPeerService.parents(runtime());
        ps.forEach((leaf, parents) -> assertThat(parents).as("parents of leaf %s", leaf).hasSize(n));
    }

    @Then("at least {double}% of the searches found a live leaf sharing the file")
    public void servedAtLeast(double percent) {
        SearchTallies.servedAtLeast(tally(), percent);
    }

    @Then("fewer than {double}% of the searches found a live leaf sharing the file")
    public void servedBelow(double percent) {
        SearchTallies.servedBelow(tally(), percent);
    }

    @Then("at least {double}% of the peers returned were live leaves sharing the file")
    public void precisionAtLeast(double percent) {
        SearchTallies.precisionAtLeast(tally(), percent);
    }

    @Then("at most {double}% of the peers returned were live leaves sharing the file")
    public void precisionAtMost(double percent) {
        SearchTallies.precisionAtMost(tally(), percent);
    }

    @Then("at least {double}% of the leaves have only Sybils as parents")
    public void capturedAtLeast(double percent) {
        assertThat(100 * captured()).as("leaves whose every parent is a Sybil super-peer").isGreaterThanOrEqualTo(percent);
    }

    @Then("at most {double}% of the leaves have only Sybils as parents")
    public void capturedAtMost(double percent) {
        assertThat(100 * captured()).as("leaves whose every parent is a Sybil super-peer").isLessThanOrEqualTo(percent);
    }

    private double captured() {
        double c = SuperPeerService.captured(anyRuntime(), sybils);
        world.record("superpeer_leaves_captured", c);
        return c;
    }

    private FileSearches.Tally tally() {
        return SearchTallies.require(last, "N searches run from random leaves");
    }

    /** The superpeer network on any runtime. */
    private NetworkRuntime anyRuntime() {
        return Steps.runtimeOf(world, "superpeer", "a superpeer network of N nodes");
    }

    private LocalRuntime runtime() {
        return Steps.localRuntimeOf(world, "superpeer", "a superpeer network of N nodes");
    }
}
