package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NetworkAcl;
import io.gureum.vpc.model.NetworkAclAssociation;
import io.gureum.vpc.model.NetworkAclEntry;
import io.gureum.vpc.model.Subnet;
import io.gureum.vpc.net.Cidr;
import java.util.Comparator;
import java.util.List;

/**
 * Network ACLs are stateless and ordered: the lowest-numbered rule that matches decides, and the reply
 * is checked again in the other direction (so return traffic needs its ephemeral ports allowed,
 * https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html). A rule that matches only part
 * of the packet set narrows it when it allows; a deny that covers only part leaves the rest to later
 * rules (some packet still passes).
 */
final class AclCheck {
    /** The deciding rule (allow or deny) and, when it allows, the packets that pass. */
    record Match(NetworkAcl acl, NetworkAclEntry entry, Header header) {
        boolean allowed() {
            return header != null;
        }
    }

    private final VpcStore store;

    AclCheck(VpcStore store) {
        this.store = store;
    }

    NetworkAcl aclOf(Subnet sn) {
        for (NetworkAcl a : store.networkAcls.values()) {
            for (NetworkAclAssociation as : a.associations) {
                if (sn.id.equals(as.subnetId)) {
                    return a;
                }
            }
        }
        return store.networkAcls.get(store.vpcs.get(sn.vpcId).defaultNetworkAclId);
    }

    /** Evaluates the subnet's ACL for packets leaving ({@code egress}) or entering the subnet. */
    Match check(Subnet sn, boolean egress, Header h) {
        NetworkAcl acl = aclOf(sn);
        if (acl == null) {
            return new Match(null, null, h);
        }
        List<NetworkAclEntry> rules = acl.entries.stream().filter(e -> e.egress == egress && e.cidrBlock != null)
                .sorted(Comparator.comparingInt(e -> e.ruleNumber)).toList();
        NetworkAclEntry last = null;
        for (NetworkAclEntry e : rules) {
            if (!Protocols.matches(e.protocol, h.protocol())) {
                continue;
            }
            Cidr block = Cidr.tryParse(e.cidrBlock);
            Cidr peer = egress ? h.destination() : h.source();
            Cidr addr = block == null ? null : Header.intersect(block, peer);
            if (addr == null) {
                continue;
            }
            PortRange ports = Protocols.ported(e.protocol) ? PortRange.of(e.portFrom, e.portTo) : PortRange.ALL;
            PortRange p = h.destinationPorts().intersect(ports);
            if (p == null) {
                continue;
            }
            boolean whole = addr.equals(peer) && p.equals(h.destinationPorts());
            if ("allow".equals(e.ruleAction)) {
                Header passed = (egress ? h.withDestination(addr) : h.withSource(addr)).withDestinationPorts(p);
                return new Match(acl, e, passed);
            }
            last = e;
            if (whole) {
                return new Match(acl, e, null);
            }
        }
        return new Match(acl, last, null);
    }
}
