package io.p2ptestbed.adversary.lab;

/** Thrown when attack traffic would leave the lab: a bind or target address outside every allowed network. */
public final class OutsideLabException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public OutsideLabException(String message) {
        super(message);
    }
}
