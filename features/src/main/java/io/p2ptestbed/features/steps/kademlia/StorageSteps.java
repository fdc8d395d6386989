package io.p2ptestbed.features.steps.kademlia;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import io.p2ptestbed.features.steps.Steps;
import io.p2ptestbed.features.world.TestbedWorld;
import io.p2ptestbed.harness.kademlia.KademliaRuntime;
import io.p2ptestbed.harness.kademlia.LookupRequest;
import io.p2ptestbed.harness.runtime.NodeHandle;
import io.p2ptestbed.overlay.id.NodeAddress;
import io.p2ptestbed.overlay.id.NodeId;
import io.p2ptestbed.overlay.kademlia.AnnounceResult;
import io.p2ptestbed.overlay.kademlia.LookupKind;
import io.p2ptestbed.overlay.kademlia.LookupResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** announce_peer / get_peers steps. Info-hashes are SHA-1 of a name, like a torrent's. */
public class StorageSteps {

    private final TestbedWorld world;
    private final List<NodeId> announced = new ArrayList<>();
    private final List<NodeAddress> announcers = new ArrayList<>();
    private int found;
    private int searched;

    public StorageSteps(TestbedWorld world) {
        this.world = world;
    }

    static NodeId infoHash(String name) {
        try {
            return NodeId.fromBytes(MessageDigest.getInstance("SHA-1").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @When("node {string} announces {string} on port {int}")
    public void nodeAnnounces(String node, String name, int port) {
        Steps.count("the announced port", port, 1, 65_535);
        NodeHandle n = world.node(node);
        AnnounceResult r = KademliaRuntime.of(world.runtime()).announce(n, infoHash(name), port);
        assertThat(r).as("announce of %s by %s", name, node).isNotNull();
        assertThat(r.acknowledged()).as("nodes that stored the announce of %s", name).isPositive();
        announced.add(infoHash(name));
        announcers.add(new NodeAddress(n.address().ip(), port));
    }

    @When("{int} random nodes each announce a different torrent")
    public void randomNodesAnnounce(int count) {
        Steps.count("the number of announcing nodes", count, 1, 10_000_000);
        RandomGenerator rng = world.rng("announce");
        List<NodeHandle> live = world.runtime().liveNodes();
        int stored = 0;
        for (int i = 0; i < count; i++) {
            NodeHandle n = live.get(rng.nextInt(live.size()));
            NodeId h = infoHash("torrent-" + i + "-" + world.scenario().seed());
            AnnounceResult r = KademliaRuntime.of(world.runtime()).announce(n, h, 6881);
            stored += r == null ? 0 : r.acknowledged();
            announced.add(h);
            announcers.add(new NodeAddress(n.address().ip(), 6881));
        }
        world.record("announce_acks", stored);
    }

    @When("other random nodes look each torrent up with get_peers")
    public void othersLookUp() {
        RandomGenerator rng = world.rng("get-peers");
        List<NodeHandle> live = world.runtime().liveNodes();
        List<LookupRequest> reqs = new ArrayList<>();
        for (NodeId h : announced) {
            reqs.add(new LookupRequest(live.get(rng.nextInt(live.size())), h, LookupKind.GET_PEERS));
        }
        List<LookupResult> results = KademliaRuntime.of(world.runtime()).lookups(reqs);
        searched = results.size();
        found = 0;
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) != null && results.get(i).peers().contains(announcers.get(i))) {
                found++;
            }
        }
        world.record("get_peers_found_fraction", searched == 0 ? 0 : (double) found / searched);
    }

    @Then("at least {double}% of the announced peers are found")
    public void announcedPeersFound(double percent) {
        Steps.percent("the floor", percent);
        assertThat(searched).as("get_peers lookups").isPositive();
        assertThat(100.0 * found / searched).as("%d of %d announced peers found", found, searched).isGreaterThanOrEqualTo(percent);
    }
}
