package io.p2ptestbed.overlay.bitcoin;

import java.util.Arrays;
import java.util.List;

/**
 * A Bitcoin transaction in its legacy serialization: version, inputs (previous output's txid and index,
 * scriptSig, sequence), outputs (value in satoshis, scriptPubKey), lock time. No witness data.
 */
public record Tx(int version, List<Input> inputs, List<Output> outputs, long lockTime) {

    public Tx {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException("a transaction has at least one input and one output");
        }
    }

    public record Input(byte[] prevTxid, long prevIndex, byte[] scriptSig, long sequence) {
        public Input {
            if (prevTxid.length != 32) {
                throw new IllegalArgumentException("a previous txid has 32 bytes, got " + prevTxid.length);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Input i && Arrays.equals(i.prevTxid, prevTxid) && i.prevIndex == prevIndex
                    && Arrays.equals(i.scriptSig, scriptSig) && i.sequence == sequence;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(prevTxid) * 31 + Arrays.hashCode(scriptSig);
        }
    }

    public record Output(long value, byte[] scriptPubKey) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Output x && x.value == value && Arrays.equals(x.scriptPubKey, scriptPubKey);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(value) * 31 + Arrays.hashCode(scriptPubKey);
        }
    }
}
