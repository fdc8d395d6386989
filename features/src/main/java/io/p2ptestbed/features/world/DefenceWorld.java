package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.kademlia.KademliaScenarios;
import io.p2ptestbed.harness.kademlia.attack.NetworkDefences;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.overlay.defence.DefenceSet;
import java.util.Optional;

/**
 * The defences of the scenario's honest nodes: one {@link DefenceSet}, installed on every node as it
 * boots (so it must be chosen before the network starts), with honest ids made by the set's id rules.
 */
public final class DefenceWorld implements TestbedWorld.RuntimeListener {

    private NetworkDefences defences;
    private io.p2ptestbed.overlay.guard.GuardSet guards = io.p2ptestbed.overlay.guard.GuardSet.parse("none");
    private String otherLabel = "none";

    public static DefenceWorld of(TestbedWorld world) {
        return world.extension(DefenceWorld.class, DefenceWorld::new);
    }

    /** Chooses the set ({@code "none"} for none); the network must not be running yet. */
    public void use(TestbedWorld world, String spec) {
        if (world.started()) {
            throw new IllegalStateException("defences are installed as nodes boot: choose them before the network starts "
                    + "(before 'the network has converged' or any step naming a node)");
        }
        if (!KademliaScenarios.isKademlia(world.scenario())) {
            useNeutral(world, spec);
            return;
        }
        DefenceSet set = DefenceSet.parse(spec);
        defences = set.isEmpty() ? null : new NetworkDefences(set);
    }

    /**
     * On overlays other than Kademlia: the neutral defences ({@code rate-limit}, {@code ip-diversity})
     * go on every node through the SPI's guards; any other item is the overlay's own defence switch,
     * set as its parameter ({@code bindIds} means {@code bindIds=true}; {@code crossCheck=3}).
     */
    private void useNeutral(TestbedWorld world, String spec) {
        java.util.List<String> neutral = new java.util.ArrayList<>();
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        java.util.List<String> items = io.p2ptestbed.overlay.guard.GuardSet.splitTopLevel(spec).stream().map(String::trim).toList();
        for (String i : items) {
            String name = i.replaceFirst("\\(.*", "").trim().toLowerCase(java.util.Locale.ROOT);
            if (i.isEmpty() || name.equals("none")) {
                continue;
            }
            if (name.equals("rate-limit") || name.equals("rate-limiting") || name.equals("ip-diversity") || name.equals("ip-limits")) {
                neutral.add(i);
            } else if (i.contains("=") && !i.contains("(")) {
                params.put(i.substring(0, i.indexOf('=')).trim(), i.substring(i.indexOf('=') + 1).trim());
            } else {
                params.put(i, "true");
            }
        }
        guards = io.p2ptestbed.overlay.guard.GuardSet.parse(String.join(",", neutral));
        if (!params.isEmpty()) {
            world.configure(s -> s.withParams(params));
        }
        otherLabel = spec;
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        if (defences != null && rt instanceof io.p2ptestbed.harness.runtime.LocalRuntime) {
            defences.prepare(rt);
        } else if (defences != null) {
            // out of process: the nodes install the set themselves, from the spec (docker: the control interface)
            if (defences.set().has(io.p2ptestbed.overlay.defence.Bep42Config.NAME)
                    || defences.set().has(io.p2ptestbed.overlay.defence.PuzzleConfig.NAME)) {
                throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the defences " + defences.set()
                        + " make honest ids in the harness (bep42, puzzle); the " + rt.kind().label()
                        + " runtime cannot run them yet");
            }
            io.p2ptestbed.harness.docker.CrossRuntime.defencesEverywhere(rt, defences.set().toString());
        }
        if (!guards.specs().isEmpty()) {
            if (!(rt instanceof io.p2ptestbed.harness.runtime.LocalRuntime local)) {
                throw new io.p2ptestbed.overlay.spi.UnsupportedCapabilityException("the neutral defences " + guards.toSpec()
                        + " are installed in-process; the " + rt.kind().label() + " runtime cannot install them yet");
            }
            local.addOverlaySetup(guards::install);
        }
    }

    public Optional<NetworkDefences> defences() {
        return Optional.ofNullable(defences);
    }

    /** The canonical spec of the installed set, "none" when there is none. */
    public String label() {
        return defences != null ? defences.set().toString() : otherLabel;
    }
}
