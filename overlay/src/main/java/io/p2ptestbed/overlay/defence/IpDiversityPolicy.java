package io.p2ptestbed.overlay.defence;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.kademlia.ContactPolicy;
import io.p2ptestbed.overlay.kademlia.KademliaNode;
import io.p2ptestbed.overlay.kademlia.RoutingEntry;
import io.p2ptestbed.overlay.kademlia.RoutingTable;
import java.util.Map;
import java.util.Optional;

/**
 * Routing-table admission limited per subnet, as go-ethereum's discovery table does it: at most
 * {@code perBucket} contacts of one /24 in a k-bucket and {@code perTable} in the table. An attacker
 * with one subnet can then hold at most two slots of any bucket, whatever ids it mints.
 *
 * <p>Rejection reasons: {@code "ip-diversity: /24 127.201.0 has 2 in bucket 159"} and
 * {@code "ip-diversity: /24 127.201.0 has 10 in table"}. Counters ({@code defence.ip_diversity.*}):
 * {@code checked}, {@code rejected}, {@code rejected_bucket}, {@code rejected_table}.
 */
public final class IpDiversityPolicy implements Defence, ContactPolicy {

    private final IpDiversityConfig config;
    private final Counters counters = new Counters("ip_diversity", "checked", "rejected", "rejected_bucket", "rejected_table");
    private final SingleNode node = new SingleNode();
    private final int mask;

    public IpDiversityPolicy(IpDiversityConfig config) {
        this.config = config;
        this.mask = config.prefixBits() == 32 ? -1 : ~(-1 >>> config.prefixBits());
    }

    @Override
    public String name() {
        return IpDiversityConfig.NAME;
    }

    @Override
    public void install(KademliaNode n) {
        node.bind(n, name()).table().addPolicy(this);
    }

    @Override
    public void uninstall(KademliaNode n) {
        n.table().removePolicy(this);
        node.release(n);
    }

    @Override
    public Optional<String> check(Contact candidate, RoutingTable table, int bucket) {
        counters.inc("checked");
        int subnet = candidate.address().ip() & mask;
        int inBucket = 0;
        for (RoutingEntry e : table.bucketEntries(bucket)) {
            if ((e.contact().address().ip() & mask) == subnet) {
                inBucket++;
            }
        }
        if (inBucket >= config.perBucket()) {
            counters.inc("rejected");
            counters.inc("rejected_bucket");
            return Optional.of(IpDiversityConfig.NAME + ": " + subnetName(subnet) + " has " + inBucket + " in bucket " + bucket);
        }
        int inTable = 0;
        for (RoutingEntry e : table.entries()) {
            if ((e.contact().address().ip() & mask) == subnet) {
                inTable++;
            }
        }
        if (inTable >= config.perTable()) {
            counters.inc("rejected");
            counters.inc("rejected_table");
            return Optional.of(IpDiversityConfig.NAME + ": " + subnetName(subnet) + " has " + inTable + " in table");
        }
        return Optional.empty();
    }

    /** {@code "/24 127.201.0"}: the subnet's significant octets. */
    private String subnetName(int subnet) {
        int octets = (config.prefixBits() + 7) / 8;
        StringBuilder sb = new StringBuilder("/").append(config.prefixBits()).append(' ');
        for (int i = 0; i < octets; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append((subnet >>> (24 - 8 * i)) & 0xFF);
        }
        return sb.toString();
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }
}
