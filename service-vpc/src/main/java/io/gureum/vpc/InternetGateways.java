package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.InternetGateway;
import io.gureum.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.AttachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DetachInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/**
 * Internet gateways (https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html): at
 * most one per VPC and one VPC per gateway; deleted only when detached; detached only when no public
 * address in the VPC is mapped through it.
 */
public final class InternetGateways {
    private final Network net;
    private final Filters<InternetGateway> filters = new Filters<InternetGateway>()
            .on("internet-gateway-id", g -> g.id)
            .on("owner-id", g -> g.ownerId)
            .on("attachment.vpc-id", g -> g.attachedVpcId)
            .on("attachment.state", g -> g.attachedVpcId == null ? null : "available");

    InternetGateways(Network net) {
        this.net = net;
    }

    InternetGateway require(VpcStore s, String id) {
        return Ids.require(s.internetGateways, "igw", id);
    }

    InternetGateway createAttached(VpcStore s, Vpc vpc) {
        InternetGateway g = s.put(s.internetGateways, new InternetGateway(net.id("igw"), s.account, net.now()));
        g.attachedVpcId = vpc.id;
        return g;
    }

    public CreateInternetGatewayResponse createInternetGateway(CreateInternetGatewayRequest r) {
        VpcStore s = net.store();
        Tags.validate(r.tagSpecifications(), "internet-gateway");
        Ec2Errors.checkDryRun(r.dryRun());
        InternetGateway g = s.put(s.internetGateways, new InternetGateway(net.id("igw"), s.account, net.now()));
        Tags.apply(r.tagSpecifications(), g);
        return CreateInternetGatewayResponse.builder().internetGateway(toSdk(g)).build();
    }

    public AttachInternetGatewayResponse attachInternetGateway(AttachInternetGatewayRequest r) {
        VpcStore s = net.store();
        InternetGateway g = require(s, r.internetGatewayId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (g.attachedVpcId != null) {
            throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("resource " + g.id + " is already attached to network " + g.attachedVpcId);
        }
        for (InternetGateway other : s.internetGateways.values()) {
            if (vpc.id.equals(other.attachedVpcId)) {
                throw Ec2Error.RESOURCE_ALREADY_ASSOCIATED.withMessage("resource " + other.id + " is already attached to network " + vpc.id);
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        g.attachedVpcId = vpc.id;
        return AttachInternetGatewayResponse.builder().build();
    }

    public DetachInternetGatewayResponse detachInternetGateway(DetachInternetGatewayRequest r) {
        VpcStore s = net.store();
        InternetGateway g = require(s, r.internetGatewayId());
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (!vpc.id.equals(g.attachedVpcId)) {
            throw Ec2Error.GATEWAY_NOT_ATTACHED.withMessage("resource " + g.id + " is not attached to network " + vpc.id);
        }
        if (net.addresses.hasMappedAddresses(s, vpc.id)) {
            throw Ec2Error.DEPENDENCY_VIOLATION.withMessage("Network " + vpc.id + " has some mapped public address(es). "
                    + "Please unmap those public address(es) before detaching the gateway.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        g.attachedVpcId = null;
        return DetachInternetGatewayResponse.builder().build();
    }

    public DeleteInternetGatewayResponse deleteInternetGateway(DeleteInternetGatewayRequest r) {
        VpcStore s = net.store();
        InternetGateway g = require(s, r.internetGatewayId());
        if (g.attachedVpcId != null) {
            throw Ec2Errors.dependencyViolation("internetGateway", g.id);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.internetGateways, g.id);
        return DeleteInternetGatewayResponse.builder().build();
    }

    public DescribeInternetGatewaysResponse describeInternetGateways(DescribeInternetGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<InternetGateway> found = new ArrayList<>();
        if (r.hasInternetGatewayIds() && !r.internetGatewayIds().isEmpty()) {
            for (String id : r.internetGatewayIds()) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.internetGateways.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeInternetGatewaysResponse.builder()
                .internetGateways(page.items().stream().map(this::toSdk).toList()).nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.InternetGateway toSdk(InternetGateway g) {
        return software.amazon.awssdk.services.ec2.model.InternetGateway.builder()
                .internetGatewayId(g.id).ownerId(g.ownerId)
                .attachments(g.attachedVpcId == null ? List.of()
                        : List.of(InternetGatewayAttachment.builder().vpcId(g.attachedVpcId).state("available").build()))
                .tags(Tags.toSdk(g.tags)).build();
    }
}
