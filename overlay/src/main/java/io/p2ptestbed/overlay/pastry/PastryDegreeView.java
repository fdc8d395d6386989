package io.p2ptestbed.overlay.pastry;

import io.p2ptestbed.overlay.id.Contact;
import io.p2ptestbed.overlay.id.NodeId;
import java.util.List;
import java.util.Set;

/**
 * The degree-bound defence of one Pastry node (Singh et al., INFOCOM 2006), for tests, steps and reports: a capability
 * of nodes that run it ({@code degreeBound} &gt; 0).
 */
public interface PastryDegreeView {

    PastryAuditConfig auditConfig();

    /** The nodes that told this node they hold it in their routing table, and that it accepted. */
    List<Contact> backPointers();

    /** The ids of the nodes that failed one of this node's audits (dropped, and kept out of its routing table). */
    Set<NodeId> banned();
}
