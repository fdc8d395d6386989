package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.Contact;

/**
 * What {@link RoutingTable#insert} did, so that defences, metrics and eclipse assertions can say
 * exactly what happened ("bucket 159 rejected 12 Sybils: ip-diversity").
 */
public sealed interface InsertOutcome {

    /** Newly added to bucket {@code bucket}; {@code replaced} is the bad or evicted contact it displaced, or null. */
    record Added(int bucket, Contact replaced) implements InsertOutcome {}

    /** Already in the table: its last-seen time was refreshed. */
    record AlreadyExisted(int bucket) implements InsertOutcome {}

    /** The bucket is full of live contacts; the newcomer went to the replacement cache. */
    record BucketFull(int bucket, Contact evictionCandidate) implements InsertOutcome {}

    /** Refused by a rule or a defence, which names itself in {@code reason}. */
    record Rejected(String reason) implements InsertOutcome {}
}
