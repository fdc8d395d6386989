package io.p2ptestbed.overlay.spi;

/** A step or attack asked an overlay for something it does not do; the message says which and what. */
public final class UnsupportedCapabilityException extends UnsupportedOperationException {

    public UnsupportedCapabilityException(String protocol, Class<?> capability, String forWhat) {
        super("the " + protocol + " overlay does not support " + forWhat + " (it offers no "
                + capability.getSimpleName() + ")");
    }

    public UnsupportedCapabilityException(String message) {
        super(message);
    }
}
