package io.p2ptestbed.overlay.transport.stream;

import io.p2ptestbed.overlay.id.NodeAddress;
import java.util.ArrayList;
import java.util.List;

/** Records every event a stream transport hands a node, as text, with the connections it saw. */
final class Recorder implements ConnectionHandler {
    final List<String> events = new ArrayList<>();
    final List<Connection> connections = new ArrayList<>();
    final List<byte[]> frames = new ArrayList<>();
    final List<CloseReason> closes = new ArrayList<>();
    final List<CloseReason> failures = new ArrayList<>();

    @Override
    public synchronized void opened(Connection c) {
        connections.add(c);
        events.add("opened");
    }

    @Override
    public synchronized void frame(Connection c, byte[] frame) {
        frames.add(frame);
        events.add("frame " + new String(frame, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void closed(Connection c, CloseReason reason) {
        closes.add(reason);
        events.add("closed " + reason);
    }

    @Override
    public synchronized void failed(NodeAddress to, CloseReason reason) {
        failures.add(reason);
        events.add("failed " + reason);
    }

    synchronized List<String> frameTexts() {
        return events.stream().filter(e -> e.startsWith("frame ")).map(e -> e.substring(6)).toList();
    }
}
