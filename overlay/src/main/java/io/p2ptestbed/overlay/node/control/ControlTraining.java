package io.p2ptestbed.overlay.node.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * One pass over every control endpoint, for {@code NodeHostMain --train}: the classes a node container
 * loads in normal use end up in the class-data-sharing archive the image is then built with.
 */
final class ControlTraining {

    private ControlTraining() {}

    static int exercise(int port, String selfAddress, PrintStream err) {
        String base = "http://127.0.0.1:" + port + ControlJson.PREFIX;
        String target = "\"" + "7".repeat(40) + "\"";
        String[][] calls = {
            {"GET", "info", null}, {"GET", "nodes", null}, {"GET", "table", null}, {"GET", "stats", null},
            {"GET", "neighbours", null}, {"GET", "counters", null}, {"GET", "ring", null},
            {"POST", "route", "{\"key\":" + target + "}"}, {"POST", "routes", "{\"keys\":[" + target + "]}"},
            {"POST", "put", "{\"key\":" + target + ",\"value\":\"00ff\"}"}, {"POST", "get", "{\"key\":" + target + "}"},
            {"POST", "lookup", "{\"target\":" + target + ",\"kind\":\"FIND_NODE\"}"},
            {"POST", "lookups", "{\"lookups\":[{\"target\":" + target + ",\"kind\":\"GET_PEERS\"}]}"},
            {"POST", "announce", "{\"infoHash\":" + target + ",\"port\":6881}"},
            {"POST", "ping", "{\"address\":\"" + selfAddress + "\"}"},
            {"POST", "faults", "{\"rules\":[{\"delayMs\":1,\"jitterMs\":1,\"duplicate\":0.1,\"reorder\":0.1,\"loss\":0.01}]}"},
            {"GET", "faults", null}, {"DELETE", "faults", null},
            {"POST", "defences", "{\"spec\":\"rate-limit,ip-diversity,eviction(ping=false,keep-old=false)\"}"},
            {"GET", "stats", null}, {"DELETE", "defences", null},
            {"GET", "peers", null}, {"GET", "bitcoin/addrman", null}, {"GET", "ethereum/table", null},
            {"POST", "restart", "{\"downMillis\":0}"},
            {"GET", "no-such-endpoint", null}, {"POST", "lookup", "{\"target\":1}"},
        };
        for (String[] c : calls) {
            try {
                HttpURLConnection h = (HttpURLConnection) new URL(base + c[1]).openConnection();
                h.setRequestMethod(c[0]);
                h.setConnectTimeout(5_000);
                h.setReadTimeout(30_000);
                if (c[2] != null) {
                    h.setDoOutput(true);
                    try (OutputStream os = h.getOutputStream()) {
                        os.write(c[2].getBytes(StandardCharsets.UTF_8));
                    }
                }
                int status = h.getResponseCode();
                try (InputStream in = status < 400 ? h.getInputStream() : h.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
            } catch (IOException e) {
                err.println("node-host: training call " + c[0] + " " + c[1] + " failed: " + e);
                return 1;
            }
        }
        return 0;
    }
}
