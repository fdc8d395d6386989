package io.p2ptestbed.overlay.bitcoin;

import java.util.Arrays;
import java.util.List;

/**
 * A block: the 80-byte header (version, previous block hash, merkle root, time, bits, nonce) and its
 * transactions. The lab's blocks are small and carry no proof of work (bits are regtest's 0x207fffff).
 */
public record Block(int version, byte[] prevBlock, byte[] merkleRoot, long time, long bits, long nonce, List<Tx> txs) {

    public Block {
        txs = List.copyOf(txs);
        if (prevBlock.length != 32 || merkleRoot.length != 32) {
            throw new IllegalArgumentException("block header hashes have 32 bytes");
        }
        if (txs.isEmpty()) {
            throw new IllegalArgumentException("a block holds at least its coinbase transaction");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Block b && b.version == version && Arrays.equals(b.prevBlock, prevBlock)
                && Arrays.equals(b.merkleRoot, merkleRoot) && b.time == time && b.bits == bits && b.nonce == nonce
                && b.txs.equals(txs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(merkleRoot) * 31 + txs.hashCode();
    }
}
