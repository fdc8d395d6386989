package io.p2ptestbed.features.world;

import io.p2ptestbed.harness.docker.ControlledRuntime;
import io.p2ptestbed.harness.docker.CrossRuntime;
import io.p2ptestbed.harness.runtime.LocalRuntime;
import io.p2ptestbed.harness.runtime.NetworkRuntime;
import io.p2ptestbed.overlay.guard.Defences;
import io.p2ptestbed.overlay.guard.GuardSet;
import io.p2ptestbed.overlay.guard.GuardSpec;
import io.p2ptestbed.overlay.spi.NodeDefences;
import io.p2ptestbed.overlay.spi.UnsupportedCapabilityException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The defences of the scenario's honest nodes, chosen before the network starts and installed on every
 * node as it boots (restarted and joined ones too). An overlay with a defence syntax of its own
 * ({@code OverlayProtocol.ownDefences}, e.g. Kademlia's {@code DefenceSet}) reads the whole spec, and makes
 * the honest ids when its defences bind them; on the other overlays the neutral defences go on through
 * the SPI's guards and any other item is the overlay's own switch, set as its parameter.
 */
public final class DefenceWorld implements TestbedWorld.RuntimeListener {

    private NodeDefences own;
    private GuardSet guards = GuardSet.parse("none");
    private String label = "none";

    public static DefenceWorld of(TestbedWorld world) {
        return world.extension(DefenceWorld.class, DefenceWorld::new);
    }

    /** Chooses the defences ({@code "none"} for none); the network must not be running yet. */
    public void use(TestbedWorld world, String spec) {
        if (world.started()) {
            throw new IllegalStateException("defences are installed as nodes boot: choose them before the network starts "
                    + "(before 'the network has converged' or any step naming a node)");
        }
        Optional<NodeDefences> parsed = Defences.own(world.scenario().protocolName(), spec);
        if (parsed.isPresent()) {
            own = parsed.get().isEmpty() ? null : parsed.get();
            label = parsed.get().spec();
            return;
        }
        useNeutral(world, spec);
    }

    /**
     * The neutral defences ({@code rate-limit}, {@code ip-diversity}) go on every node through the SPI's
     * guards; any other item is the overlay's own defence switch, set as its parameter ({@code bindIds}
     * means {@code bindIds=true}; {@code crossCheck=3}).
     */
    private void useNeutral(TestbedWorld world, String spec) {
        List<String> neutral = new ArrayList<>();
        Map<String, String> params = new LinkedHashMap<>();
        for (String i : GuardSet.splitTopLevel(spec).stream().map(String::trim).toList()) {
            String name = i.replaceFirst("\\(.*", "").trim().toLowerCase(Locale.ROOT);
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
        guards = GuardSet.parse(String.join(",", neutral));
        if (!params.isEmpty()) {
            world.configure(s -> s.withParams(params));
        }
        label = spec;
    }

    @Override
    public void beforeStart(NetworkRuntime rt) {
        if (own != null) {
            CrossRuntime.defencesEverywhere(rt, own.spec());
        }
        if (!guards.specs().isEmpty()) {
            if (rt instanceof LocalRuntime local) {
                local.addOverlaySetup(guards::install);
            } else if (rt instanceof ControlledRuntime controlled) {
                // every node process installs them at its start (--defences), restarted and joined ones too
                controlled.setDefences(guards.toSpec());
            } else {
                throw new UnsupportedCapabilityException("the neutral defences " + guards.toSpec()
                        + " cannot be installed on the " + rt.kind().label() + " runtime");
            }
        }
    }

    /** The neutral rate limit chosen for the honest nodes, if any. */
    public Optional<GuardSpec.RateLimit> rateLimit() {
        return guards.specs().stream().filter(GuardSpec.RateLimit.class::isInstance).map(GuardSpec.RateLimit.class::cast)
                .findFirst();
    }

    /** The canonical spec of the chosen defences, "none" when there are none. */
    public String label() {
        return label;
    }
}
