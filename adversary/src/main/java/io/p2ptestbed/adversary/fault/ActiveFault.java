package io.p2ptestbed.adversary.fault;

/** A fault the {@link Nemesis} has invoked and not yet healed; hand it back to {@link Nemesis#heal}. */
public final class ActiveFault {

    private final int id;
    private final Fault fault;
    private final long startMillis;
    private final Runnable heal;

    ActiveFault(int id, Fault fault, long startMillis, Runnable heal) {
        this.id = id;
        this.fault = fault;
        this.startMillis = startMillis;
        this.heal = heal;
    }

    public int id() {
        return id;
    }

    public Fault fault() {
        return fault;
    }

    public long startMillis() {
        return startMillis;
    }

    Runnable healAction() {
        return heal;
    }

    @Override
    public String toString() {
        return "ActiveFault#" + id + "[" + fault.label() + " since " + startMillis + "]";
    }
}
