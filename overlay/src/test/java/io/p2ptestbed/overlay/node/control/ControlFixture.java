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

    /** A reply: status and parsed JSON body. */
    record Res(int status, Object body) {
        Fields fields() {
            return Fields.of(body, "reply");
        }
    }

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final NodeHost host;
    final ControlServer server;
    private final String base;

    /** Starts every node, serves the control interface and waits for every join. */
    ControlFixture(String bindIp, String... args) throws Exception {
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        NodeHostMain main = new NodeHostMain();
        picocli.CommandLine cmd = new picocli.CommandLine(main);
        cmd.parseArgs(args);
        host = new NodeHost(main.nodeArgs(cmd), out, out);
        host.startAll();
        server = ControlServer.start(host, new InetSocketAddress(bindIp, 0), () -> { });
        base = "http://" + bindIp + ":" + server.address().getPort();
        host.allJoined().get(20, TimeUnit.SECONDS);
    }

    Res call(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), Json.parse(r.body()));
    }

    @Override
    public void close() {
        server.close();
        host.close();
    }
}
