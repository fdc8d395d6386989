package io.p2ptestbed.overlay.transport.stream;

/**
 * A connection-level fault as data, applied to one end of a connection with {@link Connection#inject}.
 *
 * <ul>
 *   <li>{@link Reset}: the end aborts the connection (TCP RST): both ends see it closed, queued frames are lost.</li>
 *   <li>{@link Stall}: the end stops reading for {@code millis}: frames to it wait (in order), then arrive.</li>
 *   <li>{@link SlowReader}: the end reads at most {@code bytesPerSecond}: frames to it arrive paced; a sender that
 *       outruns it fills its queue until the connection closes as overloaded.</li>
 * </ul>
 */
public sealed interface ConnectionFault {

    String label();

    /** The form {@link #parse} reads back: {@code reset}, {@code stall:MILLIS} or {@code slow:BYTES_PER_SECOND}. */
    default String spec() {
        if (this instanceof Stall s) {
            return "stall:" + s.millis();
        }
        if (this instanceof SlowReader r) {
            return "slow:" + r.bytesPerSecond();
        }
        return "reset";
    }

    record Reset() implements ConnectionFault {
        @Override
        public String label() {
            return "reset";
        }
    }

    record Stall(long millis) implements ConnectionFault {
        public Stall {
            if (millis < 1) {
                throw new IllegalArgumentException("a stall lasts at least 1 ms, got " + millis);
            }
        }

        @Override
        public String label() {
            return "stall " + millis + " ms";
        }
    }

    record SlowReader(long bytesPerSecond) implements ConnectionFault {
        public SlowReader {
            if (bytesPerSecond < 1) {
                throw new IllegalArgumentException("a slow reader reads at least 1 byte/s, got " + bytesPerSecond);
            }
        }

        @Override
        public String label() {
            return "slow reader " + bytesPerSecond + " B/s";
        }
    }

    /** Parses {@code reset}, {@code stall:MILLIS} or {@code slow:BYTES_PER_SECOND}; anything else is refused. */
    static ConnectionFault parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        try {
            if (s.equals("reset")) {
                return new Reset();
            }
            if (s.startsWith("stall:")) {
                return new Stall(Long.parseLong(s.substring(6)));
            }
            if (s.startsWith("slow:")) {
                return new SlowReader(Long.parseLong(s.substring(5)));
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new IllegalArgumentException("connection fault '" + spec + "' unknown: use reset, stall:MILLIS or slow:BYTES_PER_SECOND");
    }
}
