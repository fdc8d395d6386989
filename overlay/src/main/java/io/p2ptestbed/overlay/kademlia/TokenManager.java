package io.p2ptestbed.overlay.kademlia;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * get_peers write tokens: SHA-1(secret || requester IP), first 8 bytes. The secret rotates on a
 * schedule; tokens made with the current or the previous secret are accepted (BEP 5).
 */
final class TokenManager {

    private final RandomGenerator rng;
    /** Made on the first token: most nodes of a large simulated network never see get_peers. */
    private MessageDigest sha1;
    private byte[] current = new byte[8];
    private byte[] previous = new byte[8];

    TokenManager(RandomGenerator rng) {
        this.rng = rng;
        rng.nextBytes(current);
        rng.nextBytes(previous);
    }

    void rotate() {
        previous = current;
        current = new byte[8];
        rng.nextBytes(current);
    }

    byte[] tokenFor(NodeAddress requester) {
        return token(current, requester);
    }

    boolean isValid(byte[] token, NodeAddress requester) {
        return Arrays.equals(token, token(current, requester)) || Arrays.equals(token, token(previous, requester));
    }

    private byte[] token(byte[] secret, NodeAddress requester) {
        if (sha1 == null) {
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is required by BEP 5", e);
            }
        }
        sha1.reset();
        sha1.update(secret);
        sha1.update(requester.ipBytes());
        return Arrays.copyOf(sha1.digest(), 8);
    }
}
