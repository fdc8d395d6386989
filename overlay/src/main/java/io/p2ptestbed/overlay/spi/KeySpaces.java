package io.p2ptestbed.overlay.spi;

import io.p2ptestbed.overlay.id.NodeId;
import java.math.BigInteger;

/** The metrics of the built-in overlays. */
public final class KeySpaces {

    private static final BigInteger RING = BigInteger.ONE.shiftLeft(NodeId.BITS);

    private KeySpaces() {}

    /** Kademlia's XOR metric. */
    public static final KeySpace XOR = new KeySpace() {
        @Override
        public String name() {
            return "xor";
        }

        @Override
        public BigInteger distance(NodeId key, NodeId node) {
            return toBig(key.xor(node));
        }

        @Override
        public int compareDistance(NodeId key, NodeId a, NodeId b) {
            return key.compareDistance(a, b);
        }

        @Override
        public boolean ring() {
            return false;
        }
    };

    /** Chord's ring: the distance clockwise from the key to the node, so the key's owner is its successor. */
    public static final KeySpace CLOCKWISE = new KeySpace() {
        @Override
        public String name() {
            return "clockwise";
        }

        @Override
        public BigInteger distance(NodeId key, NodeId node) {
            return toBig(node).subtract(toBig(key)).mod(RING);
        }

        @Override
        public boolean ring() {
            return true;
        }
    };

    private static final BigInteger RING128 = BigInteger.ONE.shiftLeft(128);

    /**
     * Pastry's ring: the circular numeric distance between the first 128 bits of key and node (the last 32
     * bits of the 160-bit id are ignored), so the key's owner is the numerically closest node. Equal
     * distances (a key exactly between two nodes) go to the smaller id.
     */
    public static final KeySpace NUMERIC = new KeySpace() {
        @Override
        public String name() {
            return "numeric";
        }

        @Override
        public BigInteger distance(NodeId key, NodeId node) {
            BigInteger d = toBig(node).shiftRight(32).subtract(toBig(key).shiftRight(32)).mod(RING128);
            return d.min(RING128.subtract(d));
        }

        @Override
        public int compareDistance(NodeId key, NodeId a, NodeId b) {
            int c = distance(key, a).compareTo(distance(key, b));
            return c != 0 ? c : a.compareTo(b);
        }

        @Override
        public boolean ring() {
            return true;
        }
    };

    /**
     * No key space to speak of, for unstructured overlays (flooding, gossip, a central index, super-peers): ids
     * only name nodes and nothing is routed by key. XOR distances for completeness, no ring; reports draw these
     * overlays with a force-directed layout.
     */
    public static final KeySpace UNSTRUCTURED = new KeySpace() {
        @Override
        public String name() {
            return "unstructured";
        }

        @Override
        public BigInteger distance(NodeId key, NodeId node) {
            return XOR.distance(key, node);
        }

        @Override
        public boolean ring() {
            return false;
        }

        @Override
        public boolean structured() {
            return false;
        }
    };

    /** The id as an unsigned 160-bit integer. */
    public static BigInteger toBig(NodeId id) {
        return new BigInteger(1, id.toBytes());
    }

    /** The id of an unsigned integer taken modulo 2^160. */
    public static NodeId fromBig(BigInteger v) {
        byte[] raw = v.mod(RING).toByteArray();
        byte[] b = new byte[NodeId.BYTES];
        int n = Math.min(raw.length, NodeId.BYTES);
        System.arraycopy(raw, raw.length - n, b, NodeId.BYTES - n, n);
        return NodeId.fromBytes(b);
    }
}
