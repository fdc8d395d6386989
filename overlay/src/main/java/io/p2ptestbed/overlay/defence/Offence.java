package io.p2ptestbed.overlay.defence;

/** Behaviour the {@link Reputation} defence penalises; {@link #key} names its counter. */
public enum Offence {
    /** A query to the contact timed out. */
    TIMEOUT("timeout"),
    /** The contact answered a query with a KRPC error. */
    ERROR("error"),
    /** An undecodable datagram came from the contact's address. */
    MALFORMED("malformed"),
    /** A lookup reply listed a contact with address 0.0.0.0 or port 0. */
    BOGUS_CONTACT("bogus_contact"),
    /**
     * A lookup reply named no node closer to the target than the responder, although the lookup then
     * found such nodes: the responder withheld (or did not have) the way forward.
     */
    MISROUTE("misroute"),
    /** A contact this one referred (in a lookup reply) did not answer. */
    DEAD_REFERRAL("dead_referral"),
    /** A contact this one referred answered with another id: the referral was fabricated. */
    FAKE_REFERRAL("fake_referral");

    private final String key;

    Offence(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
