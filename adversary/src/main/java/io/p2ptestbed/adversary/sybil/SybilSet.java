package io.p2ptestbed.adversary.sybil;

import java.util.List;

/** The identities a {@link SybilFactory} made and what they cost. */
public record SybilSet(List<SybilIdentity> identities, GrindCost cost) {

    public SybilSet {
        identities = List.copyOf(identities);
    }

    public int size() {
        return identities.size();
    }
}
