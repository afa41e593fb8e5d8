package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.TransitGatewayConnectPeer;
import io.gureum.vpc.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectPeerRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectPeerResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayConnectResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectPeerRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectPeerResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayConnectResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectPeersRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectPeersResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayConnectsResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayAttachmentBgpConfiguration;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnect;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnectOptions;
import software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeerConfiguration;

/**
 * Transit gateway Connect (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-connect.html): a Connect attachment
 * runs GRE tunnels over a transport attachment (here a VPC attachment); each Connect peer is a tunnel with
 * two BGP sessions whose inside addresses come from a /29 of 169.254.0.0/16 (the first address is the
 * appliance's, the next two the gateway's), and whose gateway-side outer address comes from a transit gateway
 * CIDR block. No appliance ever speaks BGP here, so the sessions are {@code down} and a Connect attachment
 * propagates no routes.
 */
public final class TransitGatewayConnects {
    static final int MAX_PEERS = 4;
    /** Inside blocks AWS reserves (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-connect.html#tgw-connect-peer). */
    private static final List<String> RESERVED = List.of("169.254.0.0/29", "169.254.1.0/29", "169.254.2.0/29",
            "169.254.3.0/29", "169.254.4.0/29", "169.254.5.0/29", "169.254.169.248/29");

    private final Network net;
    private final Filters<TransitGatewayAttachment> connectFilters = new Filters<TransitGatewayAttachment>()
            .on("options.protocol", a -> a.protocol)
            .on("state", a -> a.state)
            .on("transit-gateway-attachment-id", a -> a.id)
            .on("transit-gateway-id", a -> a.transitGatewayId)
            .on("transport-transit-gateway-attachment-id", a -> a.transportAttachmentId);
    private final Filters<TransitGatewayConnectPeer> peerFilters = new Filters<TransitGatewayConnectPeer>()
            .on("state", p -> p.state)
            .on("transit-gateway-attachment-id", p -> p.attachmentId)
            .on("transit-gateway-connect-peer-id", p -> p.id);

    TransitGatewayConnects(Network net) {
        this.net = net;
    }

    static AwsException peerNotFound(String id) {
        // Not in ec2-common's catalogue: AWS's code for a Connect peer that does not exist.
        return new AwsException("InvalidTransitGatewayConnectPeerID.NotFound",
                "The transitGatewayConnectPeer ID '" + id + "' does not exist", 400);
    }

    private TransitGatewayAttachment requireConnect(VpcStore s, String id) {
        TransitGatewayAttachment a = net.transitGateways.requireAttachment(s, id);
        if (!a.resourceType.equals("connect")) {
            throw Ids.notFound("tgw-attach", id);
        }
        return a;
    }

    public CreateTransitGatewayConnectResponse createTransitGatewayConnect(CreateTransitGatewayConnectRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment transport = net.transitGateways.requireAttachment(s,
                r.transportTransitGatewayAttachmentId());
        if (!transport.resourceType.equals("vpc")) {
            throw Ec2Errors.invalidParameterValue("Transport attachment " + transport.id + " must be a VPC or AWS "
                    + "Direct Connect attachment.");
        }
        if (!transport.state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + transport.id
                    + " is in invalid state");
        }
        if (r.options() == null || r.options().protocol() == null) {
            throw Ec2Errors.missing("Options.Protocol");
        }
        Tags.validate(r.tagSpecifications(), "transit-gateway-attachment");
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGatewayAttachment a = new TransitGatewayAttachment(net.id("tgw-attach"), s.account, net.now());
        a.resourceType = "connect";
        a.transitGatewayId = transport.transitGatewayId;
        a.transportAttachmentId = transport.id;
        a.protocol = r.options().protocolAsString();
        s.put(s.tgwAttachments, a);
        TransitGateway t = s.transitGateways.get(a.transitGatewayId);
        if (t != null) {
            net.transitGateways.applyDefaults(s, t, a, true);
        }
        Tags.apply(r.tagSpecifications(), a);
        return CreateTransitGatewayConnectResponse.builder().transitGatewayConnect(toSdk(a, "pending")).build();
    }

    public DescribeTransitGatewayConnectsResponse describeTransitGatewayConnects(DescribeTransitGatewayConnectsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayAttachment> found = new ArrayList<>();
        if (r.hasTransitGatewayAttachmentIds() && !r.transitGatewayAttachmentIds().isEmpty()) {
            for (String id : r.transitGatewayAttachmentIds()) {
                TransitGatewayAttachment a = Ids.require(s.tgwAttachments, "tgw-attach", id);
                if (!a.resourceType.equals("connect")) {
                    throw Ids.notFound("tgw-attach", id);
                }
                found.add(a);
            }
        } else {
            s.tgwAttachments.values().stream().filter(a -> a.resourceType.equals("connect")).forEach(found::add);
        }
        var page = Pagination.page(found.stream().filter(connectFilters.predicate(r.filters())).toList(),
                r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeTransitGatewayConnectsResponse.builder()
                .transitGatewayConnects(page.items().stream().map(a -> toSdk(a, a.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    /** A Connect attachment with Connect peers cannot be deleted (they are deleted first). */
    public DeleteTransitGatewayConnectResponse deleteTransitGatewayConnect(DeleteTransitGatewayConnectRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = requireConnect(s, r.transitGatewayAttachmentId());
        List<String> peers = s.tgwConnectPeers.values().stream()
                .filter(p -> p.attachmentId.equals(a.id) && !p.state.equals("deleted")).map(p -> p.id).toList();
        if (!peers.isEmpty()) {
            throw Ec2Error.INCORRECT_STATE.withMessage(a.id + " has non-deleted Transit Gateway Connect Peers: "
                    + String.join(", ", peers));
        }
        Ec2Errors.checkDryRun(r.dryRun());
        net.transitGateways.detach(s, a);
        return DeleteTransitGatewayConnectResponse.builder().transitGatewayConnect(toSdk(a, "deleting")).build();
    }

    public CreateTransitGatewayConnectPeerResponse createTransitGatewayConnectPeer(CreateTransitGatewayConnectPeerRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = requireConnect(s, r.transitGatewayAttachmentId());
        if (!a.state.equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + a.id + " is in invalid state");
        }
        TransitGateway t = net.transitGateways.requireTgw(s, a.transitGatewayId);
        if (r.peerAddress() == null) {
            throw Ec2Errors.missing("PeerAddress");
        }
        if (!r.hasInsideCidrBlocks() || r.insideCidrBlocks().isEmpty()) {
            throw Ec2Errors.missing("InsideCidrBlocks");
        }
        List<TransitGatewayConnectPeer> siblings = s.tgwConnectPeers.values().stream()
                .filter(p -> p.attachmentId.equals(a.id) && !p.state.equals("deleted")).toList();
        if (siblings.size() >= MAX_PEERS) {
            throw Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Connect attachment " + a.id + " already has "
                    + MAX_PEERS + " Connect peers, the maximum.");
        }
        Cidr inside = insideBlock(r.insideCidrBlocks(), siblings);
        boolean ipv6Peer = r.peerAddress().contains(":");
        if (!ipv6Peer && Cidr.tryParse(r.peerAddress() + "/32") == null) {
            throw Ec2Errors.invalidParameterValue("Invalid peer address " + r.peerAddress() + ".");
        }
        String tgwAddress = r.transitGatewayAddress() != null ? r.transitGatewayAddress()
                : firstFreeAddress(s, t);
        if (tgwAddress.contains(":") != ipv6Peer) {
            throw Ec2Errors.invalidParameterValue("The peer address and transit gateway address must be the same IP "
                    + "address family.");
        }
        if (r.transitGatewayAddress() != null && !inTgwBlock(t, tgwAddress)) {
            throw Ec2Errors.invalidParameterValue("Transit gateway address " + tgwAddress + " is not in a CIDR block "
                    + "of " + t.id + ".");
        }
        Long asn = r.bgpOptions() == null ? null : r.bgpOptions().peerAsn();
        if (asn != null && (asn < 1 || asn > 4294967295L)) {
            throw Ec2Errors.invalidParameterValue("Peer ASN " + asn + " is out of range.");
        }
        Tags.validate(r.tagSpecifications(), "transit-gateway-connect-peer");
        Ec2Errors.checkDryRun(r.dryRun());
        TransitGatewayConnectPeer p = new TransitGatewayConnectPeer(net.id("tgw-connect-peer"), s.account, net.now());
        p.attachmentId = a.id;
        p.transitGatewayAddress = tgwAddress;
        p.peerAddress = r.peerAddress();
        p.insideCidrBlocks.addAll(r.insideCidrBlocks());
        p.peerAsn = asn == null ? t.amazonSideAsn : asn;
        p.transitGatewayAsn = t.amazonSideAsn;
        p.protocol = a.protocol;
        s.put(s.tgwConnectPeers, p);
        Tags.apply(r.tagSpecifications(), p);
        return CreateTransitGatewayConnectPeerResponse.builder().transitGatewayConnectPeer(peerToSdk(p, "pending"))
                .build();
    }

    /** The IPv4 inside block: a /29 of 169.254.0.0/16, not reserved, not another peer's of the attachment. */
    private static Cidr insideBlock(List<String> blocks, List<TransitGatewayConnectPeer> siblings) {
        Cidr v4 = null;
        for (String b : blocks) {
            if (b.contains(":")) {
                io.gureum.vpc.net.Ipv6.Block v6;
                try {
                    v6 = io.gureum.vpc.net.Ipv6.parse(b);
                } catch (IllegalArgumentException e) {
                    throw Ec2Errors.invalidParameterValue("Invalid inside CIDR block " + b + ".");
                }
                if (v6.prefix() != 125 || !io.gureum.vpc.net.Ipv6.parse("fd00::/8").contains(v6)) {
                    throw Ec2Errors.invalidParameterValue("The IPv6 inside CIDR block " + b + " must be a /125 from "
                            + "fd00::/8.");
                }
                continue;
            }
            Cidr c = Cidr.tryParse(b);
            if (c == null || c.prefix() != 29 || !Cidr.parse("169.254.0.0/16").contains(c)) {
                throw Ec2Errors.invalidParameterValue("The inside CIDR block " + b + " must be a /29 from "
                        + "169.254.0.0/16.");
            }
            if (RESERVED.contains(c.toString())) {
                throw Ec2Errors.invalidParameterValue("The inside CIDR block " + b + " is reserved.");
            }
            if (v4 != null) {
                throw Ec2Errors.invalidParameterValue("Only one IPv4 inside CIDR block can be given.");
            }
            v4 = c;
        }
        if (v4 == null) {
            throw Ec2Errors.invalidParameterValue("An IPv4 /29 inside CIDR block from 169.254.0.0/16 is required.");
        }
        for (TransitGatewayConnectPeer p : siblings) {
            for (String other : p.insideCidrBlocks) {
                if (other.equals(v4.toString()) || blocks.contains(other)) {
                    throw Ec2Errors.invalidParameterValue("The inside CIDR block " + other + " is already used by "
                            + "Connect peer " + p.id + ".");
                }
            }
        }
        return v4;
    }

    private static boolean inTgwBlock(TransitGateway t, String address) {
        if (address.contains(":")) {
            try {
                var a = io.gureum.vpc.net.Ipv6.parse(address + "/128");
                return t.cidrBlocks.stream().filter(b -> b.contains(":"))
                        .anyMatch(b -> io.gureum.vpc.net.Ipv6.parse(b).contains(a));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        Cidr a = Cidr.tryParse(address + "/32");
        return a != null && t.cidrBlocks.stream().map(Cidr::tryParse).anyMatch(b -> b != null && b.contains(a));
    }

    /** The first address of the gateway's IPv4 CIDR blocks no Connect peer of the gateway uses. */
    private String firstFreeAddress(VpcStore s, TransitGateway t) {
        List<String> used = s.tgwConnectPeers.values().stream().filter(p -> !p.state.equals("deleted"))
                .map(p -> p.transitGatewayAddress).toList();
        for (String b : t.cidrBlocks) {
            Cidr c = Cidr.tryParse(b);
            if (c == null) {
                continue;
            }
            for (long i = 0; i < c.size(); i++) {
                String address = Cidr.formatAddress(c.start() + i);
                if (!used.contains(address)) {
                    return address;
                }
            }
        }
        throw Ec2Errors.invalidParameterValue("Transit Gateway " + t.id + " has no CIDR block with a free address "
                + "for the Connect peer: add one with ModifyTransitGateway.");
    }

    public DescribeTransitGatewayConnectPeersResponse describeTransitGatewayConnectPeers(DescribeTransitGatewayConnectPeersRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayConnectPeer> found = new ArrayList<>();
        if (r.hasTransitGatewayConnectPeerIds() && !r.transitGatewayConnectPeerIds().isEmpty()) {
            for (String id : r.transitGatewayConnectPeerIds()) {
                TransitGatewayConnectPeer p = s.tgwConnectPeers.get(id);
                if (p == null) {
                    throw peerNotFound(id);
                }
                found.add(p);
            }
        } else {
            found.addAll(s.tgwConnectPeers.values());
        }
        var page = Pagination.page(found.stream().filter(peerFilters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewayConnectPeersResponse.builder()
                .transitGatewayConnectPeers(page.items().stream().map(p -> peerToSdk(p, p.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    public DeleteTransitGatewayConnectPeerResponse deleteTransitGatewayConnectPeer(DeleteTransitGatewayConnectPeerRequest r) {
        VpcStore s = net.store();
        TransitGatewayConnectPeer p = s.tgwConnectPeers.get(r.transitGatewayConnectPeerId());
        if (p == null || p.state.equals("deleted")) {
            throw peerNotFound(r.transitGatewayConnectPeerId());
        }
        Ec2Errors.checkDryRun(r.dryRun());
        p.state = "deleted";
        s.forget(p);
        return DeleteTransitGatewayConnectPeerResponse.builder().transitGatewayConnectPeer(peerToSdk(p, "deleting"))
                .build();
    }

    private static TransitGatewayConnect toSdk(TransitGatewayAttachment a, String state) {
        return TransitGatewayConnect.builder().transitGatewayAttachmentId(a.id)
                .transportTransitGatewayAttachmentId(a.transportAttachmentId).transitGatewayId(a.transitGatewayId)
                .state(state).creationTime(a.created)
                .options(TransitGatewayConnectOptions.builder().protocol(a.protocol).build())
                .tags(Tags.toSdk(a.tags)).build();
    }

    private static software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeer peerToSdk(
            TransitGatewayConnectPeer p, String state) {
        List<TransitGatewayAttachmentBgpConfiguration> bgp = new ArrayList<>();
        for (String b : p.insideCidrBlocks) {
            Cidr c = Cidr.tryParse(b);
            if (c == null) {
                continue;
            }
            String appliance = Cidr.formatAddress(c.start() + 1);
            for (int i = 2; i <= 3; i++) {
                bgp.add(TransitGatewayAttachmentBgpConfiguration.builder().transitGatewayAsn(p.transitGatewayAsn)
                        .peerAsn(p.peerAsn).transitGatewayAddress(Cidr.formatAddress(c.start() + i))
                        .peerAddress(appliance).bgpStatus("down").build());
            }
        }
        return software.amazon.awssdk.services.ec2.model.TransitGatewayConnectPeer.builder()
                .transitGatewayAttachmentId(p.attachmentId).transitGatewayConnectPeerId(p.id).state(state)
                .creationTime(p.created)
                .connectPeerConfiguration(TransitGatewayConnectPeerConfiguration.builder()
                        .transitGatewayAddress(p.transitGatewayAddress).peerAddress(p.peerAddress)
                        .insideCidrBlocks(p.insideCidrBlocks).protocol(p.protocol).bgpConfigurations(bgp).build())
                .tags(Tags.toSdk(p.tags)).build();
    }
}
