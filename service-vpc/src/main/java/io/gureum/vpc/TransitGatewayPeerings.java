package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.TransitGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.AcceptTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.CreateTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.DeleteTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPeeringAttachmentsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeTransitGatewayPeeringAttachmentsResponse;
import software.amazon.awssdk.services.ec2.model.PeeringAttachmentStatus;
import software.amazon.awssdk.services.ec2.model.PeeringTgwInfo;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayPeeringAttachmentRequest;
import software.amazon.awssdk.services.ec2.model.RejectTransitGatewayPeeringAttachmentResponse;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachment;
import software.amazon.awssdk.services.ec2.model.TransitGatewayPeeringAttachmentOptions;

/**
 * Transit gateway peering attachments (https://docs.aws.amazon.com/vpc/latest/tgw/tgw-peering.html): the
 * requester's gateway asks a gateway of the same or another Region, of the same or another account; the
 * attachment is {@code pendingAcceptance} on both sides until the accepter's owner accepts it from the
 * accepter's Region ({@code available}) or rejects it ({@code rejected}); either side deletes it. Each side
 * keeps its own copy (same ID) with its own gateway, route table association and tags; routes over it are
 * static only. A peer gateway that does not exist where the request names it makes the attachment
 * {@code failed}, on the requester's side only.
 */
public final class TransitGatewayPeerings {
    private final Network net;
    private final Filters<TransitGatewayAttachment> filters;

    TransitGatewayPeerings(Network net) {
        this.net = net;
        this.filters = new Filters<TransitGatewayAttachment>(a -> net.store().tagsOf(a))
                .on("transit-gateway-attachment-id", a -> a.id)
                .on("local-owner-id", a -> a.ownerId)
                .on("remote-owner-id", a -> a.peerOwnerId)
                .on("state", a -> a.state)
                .on("transit-gateway-id", a -> a.transitGatewayId);
    }

    private static boolean same(VpcStore s, String account, String region) {
        return s.account.equals(account) && s.region.equals(region);
    }

    private TransitGatewayAttachment require(VpcStore s, String id) {
        TransitGatewayAttachment a = net.transitGateways.requireAttachment(s, id);
        if (!a.resourceType.equals("peering")) {
            throw Ids.notFound("tgw-attach", id);
        }
        return a;
    }

    /** The other side's store and copy (null when the attachment failed before reaching it). */
    private VpcStore otherStore(VpcStore s, TransitGatewayAttachment a) {
        return same(s, a.peerOwnerId, a.peerRegion) ? s : net.store(a.peerOwnerId, a.peerRegion);
    }

    private static TransitGatewayAttachment otherCopy(VpcStore other, TransitGatewayAttachment a) {
        TransitGatewayAttachment o = other.tgwAttachments.get(a.id);
        return o == a ? null : o;
    }

    public CreateTransitGatewayPeeringAttachmentResponse createTransitGatewayPeeringAttachment(
            CreateTransitGatewayPeeringAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGateway t = net.transitGateways.requireTgw(s, r.transitGatewayId());
        if (r.peerTransitGatewayId() == null) {
            throw Ec2Errors.missing("PeerTransitGatewayId");
        }
        if (r.peerAccountId() == null) {
            throw Ec2Errors.missing("PeerAccountId");
        }
        if (r.peerRegion() == null) {
            throw Ec2Errors.missing("PeerRegion");
        }
        if (!net.ctx.topology().isValidRegion(r.peerRegion())) {
            throw Ec2Errors.invalidValue(r.peerRegion(), "PeerRegion", "The region is not valid.");
        }
        if (r.peerTransitGatewayId().equals(t.id)) {
            throw Ec2Errors.invalidParameterValue("A Transit Gateway cannot be peered with itself.");
        }
        for (TransitGatewayAttachment a : s.tgwAttachments.values()) {
            if (a.resourceType.equals("peering") && a.transitGatewayId.equals(t.id)
                    && a.peerTransitGatewayId.equals(r.peerTransitGatewayId())
                    && List.of("pendingAcceptance", "pending", "available", "initiatingRequest").contains(a.state)) {
                throw Ec2Error.DUPLICATE_TRANSIT_GATEWAY_ATTACHMENT.withMessage(t.id + " already has a peering "
                        + "attachment " + a.id + " with " + r.peerTransitGatewayId() + ".");
            }
        }
        Tags.validate(r.tagSpecifications(), "transit-gateway-attachment");
        Ec2Errors.checkDryRun(r.dryRun());
        VpcStore peer = same(s, r.peerAccountId(), r.peerRegion()) ? s : net.store(r.peerAccountId(), r.peerRegion());
        return net.peering.withBoth(s, peer, x -> {
            String id = net.id("tgw-attach");
            TransitGatewayAttachment mine = side(id, s, t.id, true, r);
            mine.peerTransitGatewayId = r.peerTransitGatewayId();
            mine.peerOwnerId = r.peerAccountId();
            mine.peerRegion = r.peerRegion();
            TransitGateway peerTgw = peer.transitGateways.get(r.peerTransitGatewayId());
            if (peerTgw == null || !peerTgw.state.equals("available")) {
                mine.state = "failed";
                mine.statusMessage = "Transit Gateway " + r.peerTransitGatewayId() + " was not found in account "
                        + r.peerAccountId() + " in " + r.peerRegion() + ".";
            } else {
                mine.state = "pendingAcceptance";
            }
            Tags.apply(r.tagSpecifications(), mine);
            s.put(s.tgwAttachments, mine);
            if (peerTgw != null && mine.state.equals("pendingAcceptance")) {
                TransitGatewayAttachment theirs = side(id, peer, peerTgw.id, false, r);
                theirs.peerTransitGatewayId = t.id;
                theirs.peerOwnerId = s.account;
                theirs.peerRegion = s.region;
                theirs.state = "pendingAcceptance";
                if (peer == s) {
                    // One store holds one object per ID: the accepter's copy is the requester's.
                    mine.statusMessage = null;
                } else {
                    peer.put(peer.tgwAttachments, theirs);
                }
            }
            return CreateTransitGatewayPeeringAttachmentResponse.builder()
                    .transitGatewayPeeringAttachment(toSdk(s, mine, "initiatingRequest")).build();
        });
    }

    private TransitGatewayAttachment side(String id, VpcStore s, String tgwId, boolean requester,
            CreateTransitGatewayPeeringAttachmentRequest r) {
        TransitGatewayAttachment a = new TransitGatewayAttachment(id, s.account, net.now());
        a.resourceType = "peering";
        a.transitGatewayId = tgwId;
        a.requester = requester;
        if (r.options() != null && r.options().dynamicRoutingAsString() != null) {
            a.dynamicRouting = r.options().dynamicRoutingAsString();
        }
        return a;
    }

    private static io.gureum.core.error.AwsException invalidState(TransitGatewayAttachment a) {
        return Ec2Error.INCORRECT_STATE.withMessage("Transit Gateway Attachment " + a.id + " is in invalid state "
                + a.state + ".");
    }

    /**
     * Accepted from the accepter's account and Region only (in one account and Region, the same gateway
     * owner accepts; AWS requires it even then). Each side's gateway then associates it with its default
     * association route table, when that option is enabled.
     */
    public AcceptTransitGatewayPeeringAttachmentResponse acceptTransitGatewayPeeringAttachment(
            AcceptTransitGatewayPeeringAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = require(s, r.transitGatewayAttachmentId());
        if (a.requester && !same(s, a.peerOwnerId, a.peerRegion)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Transit Gateway peering attachment " + a.id
                    + " can only be accepted by the owner of the accepter transit gateway, in its Region.");
        }
        if (!a.state.equals("pendingAcceptance")) {
            throw invalidState(a);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        VpcStore other = otherStore(s, a);
        return net.peering.withBoth(s, other, x -> {
            for (var side : sides(s, other, a)) {
                side.copy().state = "available";
                TransitGateway g = side.store().transitGateways.get(side.copy().transitGatewayId);
                if (g != null) {
                    net.transitGateways.applyDefaults(side.store(), g, side.copy(), false);
                }
            }
            if (other == s) {
                TransitGateway accepter = s.transitGateways.get(a.peerTransitGatewayId);
                if (accepter != null) {
                    net.transitGateways.applyDefaults(s, accepter, a, false);
                }
            }
            return AcceptTransitGatewayPeeringAttachmentResponse.builder()
                    .transitGatewayPeeringAttachment(toSdk(s, a, "pending")).build();
        });
    }

    private record Side(VpcStore store, TransitGatewayAttachment copy) {
    }

    private static List<Side> sides(VpcStore s, VpcStore other, TransitGatewayAttachment a) {
        List<Side> out = new ArrayList<>();
        out.add(new Side(s, a));
        TransitGatewayAttachment o = otherCopy(other, a);
        if (o != null) {
            out.add(new Side(other, o));
        }
        return out;
    }

    public RejectTransitGatewayPeeringAttachmentResponse rejectTransitGatewayPeeringAttachment(
            RejectTransitGatewayPeeringAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = require(s, r.transitGatewayAttachmentId());
        if (a.requester && !same(s, a.peerOwnerId, a.peerRegion)) {
            throw Ec2Error.OPERATION_NOT_PERMITTED.withMessage("Transit Gateway peering attachment " + a.id
                    + " can only be rejected by the owner of the accepter transit gateway, in its Region.");
        }
        if (!a.state.equals("pendingAcceptance")) {
            throw invalidState(a);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        VpcStore other = otherStore(s, a);
        return net.peering.withBoth(s, other, x -> {
            for (var side : sides(s, other, a)) {
                side.copy().state = "rejected";
                side.store().forget(side.copy());
            }
            return RejectTransitGatewayPeeringAttachmentResponse.builder()
                    .transitGatewayPeeringAttachment(toSdk(s, a, "rejecting")).build();
        });
    }

    /** Either side deletes an attachment that is pending, available, failed or rejected. */
    public DeleteTransitGatewayPeeringAttachmentResponse deleteTransitGatewayPeeringAttachment(
            DeleteTransitGatewayPeeringAttachmentRequest r) {
        VpcStore s = net.store();
        TransitGatewayAttachment a = require(s, r.transitGatewayAttachmentId());
        if (!List.of("pendingAcceptance", "available", "failed", "rejected").contains(a.state)) {
            throw invalidState(a);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        VpcStore other = otherStore(s, a);
        return net.peering.withBoth(s, other, x -> {
            for (var side : sides(s, other, a)) {
                if (!side.copy().state.equals("deleted")) {
                    if (side.copy().state.equals("rejected") || side.copy().state.equals("failed")) {
                        side.copy().state = "deleted";
                    } else {
                        net.transitGateways.detach(side.store(), side.copy());
                    }
                }
            }
            return DeleteTransitGatewayPeeringAttachmentResponse.builder()
                    .transitGatewayPeeringAttachment(toSdk(s, a, "deleting")).build();
        });
    }

    public DescribeTransitGatewayPeeringAttachmentsResponse describeTransitGatewayPeeringAttachments(
            DescribeTransitGatewayPeeringAttachmentsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<TransitGatewayAttachment> found = new ArrayList<>();
        if (r.hasTransitGatewayAttachmentIds() && !r.transitGatewayAttachmentIds().isEmpty()) {
            for (String id : r.transitGatewayAttachmentIds()) {
                found.add(Ids.require(s.tgwAttachments, "tgw-attach", id));
            }
            if (found.stream().anyMatch(a -> !a.resourceType.equals("peering"))) {
                throw Ids.notFound("tgw-attach", found.stream().filter(a -> !a.resourceType.equals("peering"))
                        .findFirst().get().id);
            }
        } else {
            s.tgwAttachments.values().stream().filter(a -> a.resourceType.equals("peering")).forEach(found::add);
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeTransitGatewayPeeringAttachmentsResponse.builder()
                .transitGatewayPeeringAttachments(page.items().stream().map(a -> toSdk(s, a, a.state)).toList())
                .nextToken(page.nextToken()).build();
    }

    private TransitGatewayPeeringAttachment toSdk(VpcStore s, TransitGatewayAttachment a, String state) {
        PeeringTgwInfo local = PeeringTgwInfo.builder().transitGatewayId(a.transitGatewayId).ownerId(s.account)
                .region(s.region).build();
        PeeringTgwInfo remote = PeeringTgwInfo.builder().transitGatewayId(a.peerTransitGatewayId).ownerId(a.peerOwnerId)
                .region(a.peerRegion).build();
        String message = switch (state) {
            case "pendingAcceptance" -> "Pending Acceptance by " + (a.requester ? a.peerOwnerId : s.account);
            case "failed" -> a.statusMessage;
            default -> null;
        };
        return TransitGatewayPeeringAttachment.builder().transitGatewayAttachmentId(a.id)
                .requesterTgwInfo(a.requester ? local : remote).accepterTgwInfo(a.requester ? remote : local)
                .options(TransitGatewayPeeringAttachmentOptions.builder().dynamicRouting(a.dynamicRouting).build())
                .status(PeeringAttachmentStatus.builder().code(state).message(message).build()).state(state)
                .creationTime(a.created).tags(Tags.toSdk(s.tagsOf(a))).build();
    }
}
