package io.p2ptestbed.overlay.node.control;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A node host started from NodeHostMain's arguments with its control interface on {@code bindIp}, and calls to it. */
final class ControlFixture implements AutoCloseable {

    /** A reply: status, parsed JSON body and its Content-Type (null when none). */
    record Res(int status, Object body, String contentType) {
        Fields fields() {
            return Fields.of(body, "reply");
        }
    }

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final NodeHost host;
    final ControlServer server;
    final String base;

    /** Starts every node, serves the control interface and waits up to 20 s for every join. */
    ControlFixture(String bindIp, String... args) throws Exception {
        this(bindIp, 20, args);
    }

    /** Starts every node, serves the control interface and waits up to {@code joinSeconds} for every join. */
    ControlFixture(String bindIp, int joinSeconds, String... args) throws Exception {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        NodeHostMain main = new NodeHostMain();
        picocli.CommandLine cmd = new picocli.CommandLine(main);
        cmd.parseArgs(args);
        host = main.newHost(main.nodeArgs(cmd), out, out);
        ControlServer s = null;
        try {
            host.startAll();
            s = ControlServer.start(host, new InetSocketAddress(bindIp, 0), () -> { });
            host.allJoined().get(joinSeconds, TimeUnit.SECONDS);
        } catch (Exception | Error e) {
            if (s != null) {
                s.close();
            }
            host.close();
            throw e;
        }
        server = s;
        base = "http://" + bindIp + ":" + server.address().getPort();
    }

    Res call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), Json.parse(r.body()), r.headers().firstValue("Content-Type").orElse(null));
    }

    @Override
    public void close() {
        server.close();
        host.close();
    }
}
