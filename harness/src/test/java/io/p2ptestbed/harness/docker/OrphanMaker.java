package io.p2ptestbed.harness.docker;

import io.p2ptestbed.harness.scenario.RuntimeKind;
import io.p2ptestbed.harness.scenario.Scenario;

/** A run that gets killed: starts a small docker network, says so, and waits to be SIGKILLed (no clean-up can run). */
public final class OrphanMaker {

    private OrphanMaker() {}

    public static void main(String[] args) throws Exception {
        DockerRuntime rt = new DockerRuntime(Scenario.defaults("orphan", 3).withRuntime(RuntimeKind.DOCKER));
        rt.start();
        rt.attackers().open(new io.p2ptestbed.overlay.id.NodeAddress(rt.plan().attackerHostIp(0), 20_000));
        System.out.println("ORPHAN-RUN " + rt.runId());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
