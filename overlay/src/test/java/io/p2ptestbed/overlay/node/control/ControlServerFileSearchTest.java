package io.p2ptestbed.overlay.node.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The FileSearch endpoints in front of a real central index on loopback sockets (three nodes: the index and two
 * peers): what each node shares and whether it searches, searches answered by the index naming the peer that
 * shares the file, and the errors for bad requests and for a malicious mode the index does not have.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlServerFileSearchTest {

    private ControlFixture c;

    @BeforeAll
    void start() throws Exception {
        c = new ControlFixture("127.59.0.7", "--nodes", "3", "--port-base", "47591", "--seeds", "1,2,3", "--", "--protocol",
                "index", "--param", "vocabulary=4", "--bind", "127.59.0.7", "--bootstrap", "127.59.0.7:47591", "--log-every", "0");
    }

    @AfterAll
    void stop() {
        c.close();
    }

    private ControlFixture.Res call(String method, String path, String body) throws Exception {
        return c.call(method, path, body);
    }

    private List<Fields> files() throws Exception {
        ControlFixture.Res r = call("GET", "/v1/files?node=all", null);
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<Fields> out = new ArrayList<>();
        Fields.list(r.fields().get("nodes"), "nodes").forEach(o -> out.add(Fields.of(o, "node")));
        return out;
    }

    @Test
    void files_shouldNameTheIndexAndWhatThePeersShare() throws Exception {
        List<Fields> nodes = files();
        assertThat(nodes).hasSize(3);
        assertThat(nodes.get(0).bool("searches", true)).as("the index searches nothing").isFalse();
        assertThat(Fields.list(nodes.get(0).get("files"), "files")).as("the index shares nothing").isEmpty();
        for (Fields peer : nodes.subList(1, 3)) {
            assertThat(peer.bool("searches", false)).isTrue();
            assertThat(Fields.list(peer.get("files"), "files")).isNotEmpty();
        }
        assertThat(call("GET", "/v1/info?node=1", null).fields().get("capabilities").toString()).contains("FileSearch");
    }

    @Test
    void searches_shouldNameThePeerThatSharesTheFile() throws Exception {
        String file = (String) Fields.list(files().get(2).get("files"), "files").get(0);
        // the peer registered at its join; the index lists it under each of its files
        ControlFixture.Res r = call("POST", "/v1/searches?node=1", "{\"searches\": [{\"file\": \"" + file + "\"}, {\"file\": \"" + file
                + "\", \"afterMillis\": 50}]}");
        assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
        List<Object> results = Fields.list(r.fields().get("results"), "results");
        assertThat(results).hasSize(2);
        String peer2 = call("GET", "/v1/info?node=2", null).fields().string("address");
        for (Object res : results) {
            assertThat(Fields.list(res, "result")).contains(peer2);
        }
    }

    @Test
    void badRequests_shouldBeRefusedWithAClearMessage() throws Exception {
        ControlFixture.Res bad = call("POST", "/v1/searches?node=1", "{\"searches\": [{\"file\": \"kw1\", \"afterMillis\": -1}]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.fields().string("error")).contains("afterMillis");
        ControlFixture.Res unknown = call("POST", "/v1/searches?node=1", "{\"files\": []}");
        assertThat(unknown.status()).isEqualTo(400);
        ControlFixture.Res malice = call("POST", "/v1/malice?node=0", "{\"mode\": \"drop\"}");
        assertThat(malice.status()).isEqualTo(400);
        assertThat(malice.fields().string("error")).contains("no malicious mode 'drop'");
        assertThat(call("GET", "/v1/searches", null).status()).isEqualTo(405);
    }
}
