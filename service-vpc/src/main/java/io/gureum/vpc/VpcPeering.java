package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.model.VpcPeeringConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.AcceptVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.CidrBlock;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcPeeringConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpcPeeringConnectionOptionsResponse;
import software.amazon.awssdk.services.ec2.model.PeeringConnectionOptions;
import software.amazon.awssdk.services.ec2.model.PeeringConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcPeeringConnectionRequest;
import software.amazon.awssdk.services.ec2.model.RejectVpcPeeringConnectionResponse;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionOptionsDescription;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionStateReason;
import software.amazon.awssdk.services.ec2.model.VpcPeeringConnectionVpcInfo;

/**
 * VPC peering (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-basics.html): the requester
 * asks, the accepter's owner accepts or rejects within 7 days, either side deletes an active
 * connection. Overlapping CIDR blocks, or a peer VPC that does not exist, make the request
 * {@code failed}. Across accounts and regions the same connection is visible in both stores.
 */
public final class VpcPeering {
    static final Duration EXPIRY = Duration.ofDays(7);
    private final Network net;
    private final Filters<VpcPeeringConnection> filters;

    VpcPeering(Network net) {
        this.net = net;
        this.filters = new Filters<VpcPeeringConnection>(p -> tagsOf(net.store(), p))
                .on("vpc-peering-connection-id", p -> p.id)
                .on("status-code", this::status)
                .on("status-message", p -> message(p))
                .on("expiration-time", p -> p.expiration == null ? null : p.expiration.toString())
                .on("requester-vpc-info.vpc-id", p -> p.requesterVpcId)
                .on("requester-vpc-info.owner-id", p -> p.requesterOwnerId)
                .on("requester-vpc-info.cidr-block", p -> p.requesterCidr)
                .on("accepter-vpc-info.vpc-id", p -> p.accepterVpcId)
                .on("accepter-vpc-info.owner-id", p -> p.accepterOwnerId)
                .on("accepter-vpc-info.cidr-block", p -> p.accepterCidr);
    }

    /** The status now: a pending request expires after 7 days on the clock. */
    String status(VpcPeeringConnection p) {
        if (p.status.equals("pending-acceptance") && !net.now().isBefore(p.expiration)) {
            return "expired";
        }
        return p.status;
    }

    private String message(VpcPeeringConnection p) {
        return switch (status(p)) {
            case "pending-acceptance" -> "Pending Acceptance by " + p.accepterOwnerId;
            case "active" -> "Active";
            case "failed" -> "Failed due to incorrect VPC-ID, Account ID, or overlapping CIDR range";
            case "expired" -> "Expired";
            default -> p.statusMessage;
        };
    }

    private static boolean sameStore(VpcStore a, String account, String region) {
        return a.account.equals(account) && a.region.equals(region);
    }

    /**
     * Runs {@code op} with the caller's store and the peer's store both locked, in a fixed order, under
     * {@link StoreLock}'s peering lock (the only place two stores are held at once).
     */
    <T> T withBoth(VpcStore a, VpcStore b, Function<VpcStore, T> op) {
        if (a == b) {
            return op.apply(a);
        }
        VpcStore first = (a.account + a.region).compareTo(b.account + b.region) < 0 ? a : b;
        VpcStore second = first == a ? b : a;
        synchronized (first) {
            synchronized (second) {
                try {
                    return op.apply(a);
                } finally {
                    // The peer's store is recorded under both locks, by this request (the caller's store is
                    // recorded by StoreLock after the operation).
                    if (net.records.enabled()) {
                        net.records.record(b);
                    }
                }
            }
        }
    }

    public CreateVpcPeeringConnectionResponse createVpcPeeringConnection(CreateVpcPeeringConnectionRequest r) {
        VpcStore s = net.store();
        Vpc requester = net.vpcs.require(s, r.vpcId());
        if (r.peerVpcId() == null) {
            throw Ec2Errors.missing("peerVpcId");
        }
        String peerAccount = r.peerOwnerId() == null ? s.account : r.peerOwnerId();
        String peerRegion = r.peerRegion() == null ? s.region : r.peerRegion();
        if (!net.ctx.topology().isValidRegion(peerRegion)) {
            throw Ec2Errors.invalidValue(peerRegion, "peerRegion", "The region is not valid.");
        }
        Tags.validate(r.tagSpecifications(), "vpc-peering-connection");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcStore peerStore = sameStore(s, peerAccount, peerRegion) ? s : net.store(peerAccount, peerRegion);
        return withBoth(s, peerStore, x -> {
            VpcPeeringConnection p = new VpcPeeringConnection(net.id("pcx"), s.account, net.now());
            p.requesterVpcId = requester.id;
            p.requesterOwnerId = s.account;
            p.requesterRegion = s.region;
            p.requesterCidr = requester.primaryCidr.toString();
            p.accepterVpcId = r.peerVpcId();
            p.accepterOwnerId = peerAccount;
            p.accepterRegion = peerRegion;
            Vpc accepter = peerStore.vpcs.get(r.peerVpcId());
            boolean overlap = accepter != null && requester.cidrs.stream().anyMatch(a -> accepter.cidrs.stream()
                    .anyMatch(b -> a.cidr.overlaps(b.cidr)));
            if (accepter == null || overlap || accepter.id.equals(requester.id)) {
                p.status = "failed";
            } else {
                p.accepterCidr = accepter.primaryCidr.toString();
                p.status = "pending-acceptance";
                p.expiration = net.now().plus(EXPIRY);
            }
            Tags.apply(r.tagSpecifications(), p);
            s.put(s.peerings, p);
            if (peerStore != s) {
                peerStore.put(peerStore.peerings, p);
            }
            var out = toSdk(s, p);
            // The response of the request itself shows the connection still being set up.
            return CreateVpcPeeringConnectionResponse.builder().vpcPeeringConnection(out.toBuilder()
                    .status(VpcPeeringConnectionStateReason.builder().code("initiating-request")
                            .message("Initiating Request to " + peerAccount).build()).build()).build();
        });
    }

    private VpcPeeringConnection require(VpcStore s, String id) {
        return Ids.require(s.peerings, "pcx", id);
    }

    private VpcStore other(VpcStore s, VpcPeeringConnection p) {
        boolean requesterSide = sameStore(s, p.requesterOwnerId, p.requesterRegion);
        return requesterSide ? net.store(p.accepterOwnerId, p.accepterRegion)
                : net.store(p.requesterOwnerId, p.requesterRegion);
    }

    private static AwsExceptionFactory transition(VpcPeeringConnection p, String from, String to) {
        return () -> Ec2Error.INVALID_STATE_TRANSITION.of(p.id, from, to);
    }

    private interface AwsExceptionFactory {
        io.gureum.core.error.AwsException get();
    }

    public AcceptVpcPeeringConnectionResponse acceptVpcPeeringConnection(AcceptVpcPeeringConnectionRequest r) {
        VpcStore s = net.store();
        VpcPeeringConnection p = require(s, r.vpcPeeringConnectionId());
        if (!sameStore(s, p.accepterOwnerId, p.accepterRegion)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("User " + s.account + " cannot accept peering " + p.id);
        }
        String status = status(p);
        if (!status.equals("pending-acceptance")) {
            throw transition(p, status, "active").get();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return withBoth(s, other(s, p), x -> {
            p.status = "active";
            p.expiration = null;
            return AcceptVpcPeeringConnectionResponse.builder().vpcPeeringConnection(toSdk(s, p)).build();
        });
    }

    public RejectVpcPeeringConnectionResponse rejectVpcPeeringConnection(RejectVpcPeeringConnectionRequest r) {
        VpcStore s = net.store();
        VpcPeeringConnection p = require(s, r.vpcPeeringConnectionId());
        if (!sameStore(s, p.accepterOwnerId, p.accepterRegion)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("User " + s.account + " cannot reject peering " + p.id);
        }
        String status = status(p);
        if (!status.equals("pending-acceptance")) {
            throw transition(p, status, "rejected").get();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return withBoth(s, other(s, p), x -> {
            p.status = "rejected";
            p.statusMessage = "Rejected by " + s.account;
            p.expiration = null;
            return RejectVpcPeeringConnectionResponse.builder().returnValue(true).build();
        });
    }

    /** Either side deletes an active connection; only the requester withdraws a pending one. */
    public DeleteVpcPeeringConnectionResponse deleteVpcPeeringConnection(DeleteVpcPeeringConnectionRequest r) {
        VpcStore s = net.store();
        VpcPeeringConnection p = require(s, r.vpcPeeringConnectionId());
        String status = status(p);
        boolean requesterSide = sameStore(s, p.requesterOwnerId, p.requesterRegion);
        if (status.equals("pending-acceptance") && !requesterSide) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("User " + s.account + " cannot delete peering " + p.id);
        }
        if (!status.equals("active") && !status.equals("pending-acceptance")) {
            throw transition(p, status, "deleted").get();
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return withBoth(s, other(s, p), x -> {
            markDeleted(p, s.account);
            return DeleteVpcPeeringConnectionResponse.builder().returnValue(true).build();
        });
    }

    /**
     * Sets each side's options (https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-dns.html): a side is
     * changed only by the account and Region that owns its VPC, and only while the connection is active.
     * {@code AllowDnsResolutionFromRemoteVpc} is kept and described (Gureum resolves no DNS); the ClassicLink
     * options are refused, since EC2-Classic and ClassicLink are retired.
     */
    public ModifyVpcPeeringConnectionOptionsResponse modifyVpcPeeringConnectionOptions(
            ModifyVpcPeeringConnectionOptionsRequest r) {
        VpcStore s = net.store();
        VpcPeeringConnection p = require(s, r.vpcPeeringConnectionId());
        PeeringConnectionOptionsRequest requester = r.requesterPeeringConnectionOptions();
        PeeringConnectionOptionsRequest accepter = r.accepterPeeringConnectionOptions();
        if (requester == null && accepter == null) {
            throw Ec2Errors.missing("RequesterPeeringConnectionOptions");
        }
        for (PeeringConnectionOptionsRequest o : java.util.Arrays.asList(requester, accepter)) {
            if (o != null && (Boolean.TRUE.equals(o.allowEgressFromLocalClassicLinkToRemoteVpc())
                    || Boolean.TRUE.equals(o.allowEgressFromLocalVpcToRemoteClassicLink()))) {
                throw Ec2Errors.invalidParameterValue("ClassicLink options are no longer supported: EC2-Classic "
                        + "and ClassicLink have been retired.");
            }
        }
        if (!status(p).equals("active")) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Peering " + p.id + " is not active. Peering options "
                    + "can be added only to active peerings.");
        }
        if (requester != null && !sameStore(s, p.requesterOwnerId, p.requesterRegion)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("User " + s.account + " cannot modify the requester "
                    + "options of peering " + p.id + "; the requester VPC's owner, in its Region, changes them.");
        }
        if (accepter != null && !sameStore(s, p.accepterOwnerId, p.accepterRegion)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("User " + s.account + " cannot modify the accepter "
                    + "options of peering " + p.id + "; the accepter VPC's owner, in its Region, changes them.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return withBoth(s, other(s, p), x -> {
            var b = ModifyVpcPeeringConnectionOptionsResponse.builder();
            if (requester != null) {
                if (requester.allowDnsResolutionFromRemoteVpc() != null) {
                    p.requesterAllowDnsResolution = requester.allowDnsResolutionFromRemoteVpc();
                }
                b.requesterPeeringConnectionOptions(options(p.requesterAllowDnsResolution));
            }
            if (accepter != null) {
                if (accepter.allowDnsResolutionFromRemoteVpc() != null) {
                    p.accepterAllowDnsResolution = accepter.allowDnsResolutionFromRemoteVpc();
                }
                b.accepterPeeringConnectionOptions(options(p.accepterAllowDnsResolution));
            }
            return b.build();
        });
    }

    private static PeeringConnectionOptions options(boolean dns) {
        return PeeringConnectionOptions.builder().allowDnsResolutionFromRemoteVpc(dns)
                .allowEgressFromLocalClassicLinkToRemoteVpc(false).allowEgressFromLocalVpcToRemoteClassicLink(false)
                .build();
    }

    private static VpcPeeringConnectionOptionsDescription optionsDescription(boolean dns) {
        return VpcPeeringConnectionOptionsDescription.builder().allowDnsResolutionFromRemoteVpc(dns)
                .allowEgressFromLocalClassicLinkToRemoteVpc(false).allowEgressFromLocalVpcToRemoteClassicLink(false)
                .build();
    }

    void markDeleted(VpcPeeringConnection p, String by) {
        p.status = "deleted";
        p.statusMessage = "Deleted by " + by;
        p.expiration = null;
        // Still described (as deleted) on both sides, but no longer a taggable resource.
        net.store(p.requesterOwnerId, p.requesterRegion).forget(p);
        net.store(p.accepterOwnerId, p.accepterRegion).forget(p);
    }

    /**
     * The tags the caller's side sees: the creating side's record holds the TagSpecifications; once the
     * connection is deleted, the creating side keeps seeing its last tags.
     */
    private static java.util.Map<String, String> tagsOf(VpcStore s, VpcPeeringConnection p) {
        java.util.Map<String, String> tags = s.tagsOf(p);
        if (tags.isEmpty() && !p.tags.attached() && sameStore(s, p.requesterOwnerId, p.requesterRegion)) {
            return p.tags;
        }
        return tags;
    }

    public DescribeVpcPeeringConnectionsResponse describeVpcPeeringConnections(DescribeVpcPeeringConnectionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<VpcPeeringConnection> found = new ArrayList<>();
        if (r.hasVpcPeeringConnectionIds() && !r.vpcPeeringConnectionIds().isEmpty()) {
            for (String id : r.vpcPeeringConnectionIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.peerings.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeVpcPeeringConnectionsResponse.builder()
                .vpcPeeringConnections(page.items().stream().map(p -> toSdk(s, p)).toList())
                .nextToken(page.nextToken()).build();
    }

    private software.amazon.awssdk.services.ec2.model.VpcPeeringConnection toSdk(VpcStore s, VpcPeeringConnection p) {
        String status = status(p);
        return software.amazon.awssdk.services.ec2.model.VpcPeeringConnection.builder()
                .vpcPeeringConnectionId(p.id)
                .requesterVpcInfo(info(p.requesterVpcId, p.requesterOwnerId, p.requesterRegion, p.requesterCidr)
                        .toBuilder().peeringOptions(status.equals("active")
                                ? optionsDescription(p.requesterAllowDnsResolution) : null).build())
                .accepterVpcInfo(info(p.accepterVpcId, p.accepterOwnerId, p.accepterRegion,
                        status.equals("active") ? p.accepterCidr : null).toBuilder()
                        .peeringOptions(status.equals("active") ? optionsDescription(p.accepterAllowDnsResolution)
                                : null).build())
                .status(VpcPeeringConnectionStateReason.builder().code(status).message(message(p)).build())
                .expirationTime(status.equals("pending-acceptance") ? p.expiration : null)
                .tags(Tags.toSdk(tagsOf(s, p))).build();
    }

    private static VpcPeeringConnectionVpcInfo info(String vpc, String owner, String region, String cidr) {
        return VpcPeeringConnectionVpcInfo.builder().vpcId(vpc).ownerId(owner).region(region).cidrBlock(cidr)
                .cidrBlockSet(cidr == null ? null : List.of(CidrBlock.builder().cidrBlock(cidr).build())).build();
    }
}
