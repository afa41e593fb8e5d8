package io.gureum.vpc.reachability;

import io.gureum.vpc.net.Cidr;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AnalysisPacketHeader;

/**
 * The set of packets still possible at a point of the path: a protocol, source and destination address
 * blocks and port ranges. Rules narrow it; the path exists while some packet remains (the analyzer looks
 * for any feasible packet, https://docs.aws.amazon.com/vpc/latest/reachability/how-reachability-analyzer-works.html).
 */
record Header(String protocol, Cidr source, Cidr destination, PortRange sourcePorts, PortRange destinationPorts) {
    static final Cidr ANYWHERE = Cidr.parse("0.0.0.0/0");

    Header withSource(Cidr c) {
        return new Header(protocol, c, destination, sourcePorts, destinationPorts);
    }

    Header withDestination(Cidr c) {
        return new Header(protocol, source, c, sourcePorts, destinationPorts);
    }

    Header withSourcePorts(PortRange p) {
        return new Header(protocol, source, destination, p, destinationPorts);
    }

    Header withDestinationPorts(PortRange p) {
        return new Header(protocol, source, destination, sourcePorts, p);
    }

    /** The reply: addresses and ports swapped. */
    Header reversed() {
        return new Header(protocol, destination, source, destinationPorts, sourcePorts);
    }

    /** The smaller of two nested blocks, or null when they do not overlap. */
    static Cidr intersect(Cidr a, Cidr b) {
        if (a.contains(b)) {
            return b;
        }
        return b.contains(a) ? a : null;
    }

    static Cidr host(String address) {
        return Cidr.parse(address + "/32");
    }

    static String text(Cidr c) {
        return c.prefix() == 32 ? Cidr.formatAddress(c.start()) : c.toString();
    }

    AnalysisPacketHeader toSdk() {
        return AnalysisPacketHeader.builder().protocol(protocol)
                .sourceAddresses(List.of(text(source))).destinationAddresses(List.of(text(destination)))
                .sourcePortRanges(List.of(sourcePorts.toSdk())).destinationPortRanges(List.of(destinationPorts.toSdk()))
                .build();
    }
}
