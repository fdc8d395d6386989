package io.p2ptestbed.features.steps.kademlia;

import io.cucumber.java.ParameterType;
import io.p2ptestbed.adversary.kademlia.peer.Behaviour;
import io.p2ptestbed.features.world.kademlia.Behaviours;

/** Parameter types shared by the security steps. */
public class ParameterTypes {

    /** An attacker behaviour phrase, e.g. "forge routing replies" ({@link Behaviours}). */
    @ParameterType(name = "behaviour", value = Behaviours.PHRASES)
    public Behaviour behaviour(String phrase) {
        return Behaviours.parse(phrase);
    }
}
