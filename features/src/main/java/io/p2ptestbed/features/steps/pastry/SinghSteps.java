package io.p2ptestbed.features.steps.pastry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.run.RunCollector;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.attack.ColluderChoice;
import io.p2ptestbed.harness.attack.pastry.SinghEclipse;
import io.p2ptestbed.harness.docker.DockerRuntime;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Singh et al.'s Eclipse attack and degree-bound defence on Pastry (INFOCOM 2006): attackers present from the start
 * try to fill the honest routing tables; the share of malicious entries is sampled against time and written as a
 * curve. The defence is Pastry's {@code degreeBound} and {@code audit} parameters ("the defences ... are on").
 */
public class SinghSteps {

    private final TestbedWorld world;

    public SinghSteps(TestbedWorld world) {
        this.world = world;
    }

    /** The attackers, wrapped as the network boots. */
    static final class SinghWorld implements TestbedWorld.RuntimeListener {
        double fraction;
        SinghEclipse attack;
        final List<SinghEclipse.Sample> samples = new ArrayList<>();

        @Override
        public void beforeStart(NetworkRuntime rt) {
            if (fraction == 0) {
                return;
            }
            if (rt instanceof LocalRuntime local) {
                attack = SinghEclipse.install(local, ColluderChoice.addresses(rt.scenario(), fraction));
            } else if (rt instanceof DockerRuntime docker) {
                // the same nodes by index; each attacker's node host turns it at its start (--malice eclipse)
                attack = SinghEclipse.install(docker, ColluderChoice.indexes(rt.scenario(), fraction));
            } else {
                throw new UnsupportedCapabilityException("the Eclipse attackers run in the JVM (simulated, loopback) or in "
                        + "their node containers (docker); the " + rt.kind().label() + " runtime cannot host them");
            }
        }
    }

    private SinghWorld singh() {
        return world.extension(SinghWorld.class, SinghWorld::new);
    }

    private SinghEclipse attack() {
        world.runtime();
        SinghEclipse a = singh().attack;
        if (a == null) {
            throw new IllegalStateException("no Eclipse attackers in this scenario: use '<n>% of the nodes are Pastry Eclipse "
                    + "attackers from the start' before the network starts");
        }
        return a;
    }

    @Given("{int}% of the nodes are Pastry Eclipse attackers from the start")
    public void attackers(int percent) {
        if (world.started()) {
            throw new IllegalStateException("the Eclipse attackers are the network's own nodes, wrapped as they boot: choose "
                    + "them before the network starts");
        }
        if (!"pastry".equals(world.scenario().protocolName())) {
            throw new UnsupportedCapabilityException("Pastry Eclipse attackers need a pastry network; the scenario runs "
                    + world.scenario().protocolName());
        }
        if (percent < 1 || percent > 90) {
            throw new IllegalArgumentException("the attacker share must be in [1, 90]%, got " + percent + "%");
        }
        ColluderChoice.indexes(world.scenario(), percent / 100.0); // refuses a share the network cannot give now
        singh().fraction = percent / 100.0;
    }

    @When("the malicious share of the honest routing tables is sampled every {int} seconds for {int} minutes")
    public void sample(int seconds, int minutes) {
        Steps.count("the sampling period in seconds", seconds, 1, 3_600);
        Steps.count("the minutes sampled", minutes, 1, 24 * 60);
        SinghEclipse a = attack();
        world.attackers().addAll(a.contacts());
        NetworkRuntime rt = world.runtime();
        // in the JVM: time since the network started (the joins are part of the attack); in containers, whose joins
        // run on the wall clock before this step, minute 0 is the end of the joins
        long start = rt instanceof LocalRuntime ? 0 : rt.nowMillis();
        List<SinghEclipse.Sample> samples = singh().samples;
        samples.add(a.sample(rt, start));
        long end = rt.nowMillis() + minutes * 60_000L;
        while (rt.nowMillis() < end) {
            rt.advance(Math.min(seconds * 1000L, end - rt.nowMillis()));
            samples.add(a.sample(rt, start));
        }
        SinghEclipse.Sample last = samples.get(samples.size() - 1);
        world.record("singh_malicious_share", last.share());
        world.record("singh_mean_table", last.meanTable());
        world.record("singh_honest_banned", last.honestBanned());
        world.record("singh_attackers_banned", last.attackersBanned());
        world.record("singh_attacker_in_degree", a.meanAttackerInDegree());
        world.record("singh_attackers", a.contacts().size());
        world.record("singh_lies", a.lies());
        world.snapshot(String.format("%.1f%% of the honest routing-table entries are attackers", 100 * last.share()));
    }

    private SinghEclipse.Sample last() {
        List<SinghEclipse.Sample> s = singh().samples;
        if (s.isEmpty()) {
            throw new IllegalStateException("nothing sampled yet: use 'the malicious share of the honest routing tables is "
                    + "sampled every ...' first");
        }
        return s.get(s.size() - 1);
    }

    @Then("the malicious share of the honest routing tables ends above {int}%")
    public void endsAbove(int percent) {
        assertThat(100 * last().share()).as("malicious share of honest routing-table entries: %s", singh().samples)
                .isGreaterThan(percent);
    }

    @Then("the malicious share of the honest routing tables ends at most {int}%")
    public void endsAtMost(int percent) {
        assertThat(100 * last().share()).as("malicious share of honest routing-table entries: %s", singh().samples)
                .isLessThanOrEqualTo(percent);
    }

    @Then("the attackers' mean in-degree from honest nodes is above {int}")
    public void attackerInDegreeAbove(int n) {
        double d = attack().meanAttackerInDegree();
        world.record("singh_attacker_in_degree", d);
        assertThat(d).as("mean number of honest nodes that link to an attacker").isGreaterThan(n);
    }

    @Then("the attackers' mean in-degree from honest nodes is at most {int}")
    public void attackerInDegreeAtMost(int n) {
        double d = attack().meanAttackerInDegree();
        world.record("singh_attacker_in_degree", d);
        assertThat(d).as("mean number of honest nodes that link to an attacker").isLessThanOrEqualTo(n);
    }

    @Then("honest auditors banned at least {int} attackers")
    public void bannedAttackers(int n) {
        assertThat(last().attackersBanned()).as("attackers banned by honest nodes").isGreaterThanOrEqualTo(n);
    }

    @Then("honest auditors banned at most {int} honest nodes")
    public void bannedHonest(int n) {
        assertThat(last().honestBanned()).as("honest nodes banned by honest nodes (false positives)").isLessThanOrEqualTo(n);
    }

    @When("the Singh curve {string} is written to {string}")
    public void writeCurve(String curve, String relative) {
        if (singh().samples.isEmpty()) {
            last();
        }
        Path file = RunCollector.reportDir().resolve(relative);
        SinghEclipse.writeCsv(curve, singh().samples, file);
        world.dataFile(relative);
    }
}
