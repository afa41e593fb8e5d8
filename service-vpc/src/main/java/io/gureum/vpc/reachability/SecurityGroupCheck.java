package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.PrefixList;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.SecurityGroupRule;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Security groups are allow-lists evaluated on the interface: some rule of some group must admit the
 * packet (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html). They are stateful,
 * so only the direction that opens the connection is checked; the reply is always allowed.
 */
final class SecurityGroupCheck {
    /** The rule that admitted the packet, its group, and the packets it admits. */
    record Match(SecurityGroup group, SecurityGroupRule rule, Header header) {
    }

    private final VpcStore store;

    SecurityGroupCheck(VpcStore store) {
        this.store = store;
    }

    /**
     * @param egress true for the sender's outbound rules (peer = destination), false for the receiver's
     *     inbound rules (peer = source)
     * @param peerGroups the groups of the peer interface, when its group membership reaches this hop
     *     (same VPC or a peering connection in the same Region); empty otherwise
     */
    Match check(NetworkInterface eni, boolean egress, Header h, Set<String> peerGroups) {
        for (String gid : eni.groupIds) {
            SecurityGroup g = store.securityGroups.get(gid);
            if (g == null) {
                continue;
            }
            for (SecurityGroupRule r : g.rules) {
                if (r.egress != egress || !Protocols.matches(r.protocol, h.protocol())) {
                    continue;
                }
                Header narrowed = h;
                if (Protocols.ported(r.protocol)) {
                    PortRange p = h.destinationPorts().intersect(PortRange.of(r.fromPort, r.toPort));
                    if (p == null) {
                        continue;
                    }
                    narrowed = narrowed.withDestinationPorts(p);
                }
                Cidr peer = egress ? h.destination() : h.source();
                Cidr left = peerMatch(r, peer, peerGroups);
                if (left == null) {
                    continue;
                }
                narrowed = egress ? narrowed.withDestination(left) : narrowed.withSource(left);
                return new Match(g, r, narrowed);
            }
        }
        return null;
    }

    /** The part of the peer block the rule admits, or null. */
    private Cidr peerMatch(SecurityGroupRule r, Cidr peer, Set<String> peerGroups) {
        List<String> blocks = new ArrayList<>();
        if (r.cidrIpv4 != null) {
            blocks.add(r.cidrIpv4);
        } else if (r.prefixListId != null) {
            PrefixList pl = store.prefixLists.get(r.prefixListId);
            if (pl != null) {
                blocks.addAll(pl.cidrs);
            }
        } else if (r.referencedGroupId != null) {
            return peerGroups.contains(r.referencedGroupId) ? peer : null;
        }
        for (String b : blocks) {
            Cidr c = Cidr.tryParse(b);
            Cidr i = c == null ? null : Header.intersect(c, peer);
            if (i != null) {
                return i;
            }
        }
        return null;
    }

    /** Whether the interface's groups have no rule at all, inbound or outbound (SG_HAS_NO_RULES). */
    boolean noRules(NetworkInterface eni) {
        for (String gid : eni.groupIds) {
            SecurityGroup g = store.securityGroups.get(gid);
            if (g != null && !g.rules.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
