package io.gureum.vpc;

import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.EgressOnlyInternetGateway;
import io.gureum.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.CreateEgressOnlyInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.CreateEgressOnlyInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DeleteEgressOnlyInternetGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DeleteEgressOnlyInternetGatewayResponse;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysRequest;
import software.amazon.awssdk.services.ec2.model.DescribeEgressOnlyInternetGatewaysResponse;
import software.amazon.awssdk.services.ec2.model.InternetGatewayAttachment;

/**
 * Egress-only internet gateways (https://docs.aws.amazon.com/vpc/latest/userguide/egress-only-internet-gateway.html):
 * outbound-only IPv6 to the internet, attached to one VPC from creation to deletion. Routes through a deleted
 * gateway stay, as {@code blackhole}.
 */
public final class EgressOnlyInternetGateways {
    private final Network net;
    // DescribeEgressOnlyInternetGateways documents only the tag filters (tag:<key>, tag-key).
    private final Filters<EgressOnlyInternetGateway> filters = new Filters<>();

    EgressOnlyInternetGateways(Network net) {
        this.net = net;
    }

    EgressOnlyInternetGateway require(VpcStore s, String id) {
        return Ids.require(s.egressOnlyInternetGateways, "eigw", id);
    }

    public CreateEgressOnlyInternetGatewayResponse createEgressOnlyInternetGateway(
            CreateEgressOnlyInternetGatewayRequest r) {
        VpcStore s = net.store();
        Vpc vpc = net.vpcs.require(s, r.vpcId());
        if (r.clientToken() != null) {
            for (EgressOnlyInternetGateway g : s.egressOnlyInternetGateways.values()) {
                if (r.clientToken().equals(g.clientToken)) {
                    if (!g.vpcId.equals(vpc.id)) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage(
                                "The client token " + r.clientToken() + " was used with different parameters.");
                    }
                    return CreateEgressOnlyInternetGatewayResponse.builder().clientToken(g.clientToken)
                            .egressOnlyInternetGateway(toSdk(g)).build();
                }
            }
        }
        Tags.validate(r.tagSpecifications(), "egress-only-internet-gateway");
        Ec2Errors.checkDryRun(r.dryRun());
        EgressOnlyInternetGateway g = new EgressOnlyInternetGateway(net.id("eigw"), s.account, net.now());
        g.vpcId = vpc.id;
        g.clientToken = r.clientToken();
        Tags.apply(r.tagSpecifications(), g);
        s.put(s.egressOnlyInternetGateways, g);
        return CreateEgressOnlyInternetGatewayResponse.builder().clientToken(g.clientToken)
                .egressOnlyInternetGateway(toSdk(g)).build();
    }

    public DeleteEgressOnlyInternetGatewayResponse deleteEgressOnlyInternetGateway(
            DeleteEgressOnlyInternetGatewayRequest r) {
        VpcStore s = net.store();
        EgressOnlyInternetGateway g = require(s, r.egressOnlyInternetGatewayId());
        Ec2Errors.checkDryRun(r.dryRun());
        s.remove(s.egressOnlyInternetGateways, g.id);
        return DeleteEgressOnlyInternetGatewayResponse.builder().returnCode(true).build();
    }

    public DescribeEgressOnlyInternetGatewaysResponse describeEgressOnlyInternetGateways(
            DescribeEgressOnlyInternetGatewaysRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<EgressOnlyInternetGateway> found = new ArrayList<>();
        if (r.hasEgressOnlyInternetGatewayIds() && !r.egressOnlyInternetGatewayIds().isEmpty()) {
            for (String id : new LinkedHashSet<>(r.egressOnlyInternetGatewayIds())) {
                found.add(require(s, id));
            }
        } else {
            found.addAll(s.egressOnlyInternetGateways.values());
        }
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 255);
        return DescribeEgressOnlyInternetGatewaysResponse.builder()
                .egressOnlyInternetGateways(page.items().stream().map(this::toSdk).toList())
                .nextToken(page.nextToken()).build();
    }

    software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway toSdk(EgressOnlyInternetGateway g) {
        return software.amazon.awssdk.services.ec2.model.EgressOnlyInternetGateway.builder()
                .egressOnlyInternetGatewayId(g.id)
                .attachments(InternetGatewayAttachment.builder().vpcId(g.vpcId).state("attached").build())
                .tags(Tags.toSdk(g.tags)).build();
    }
}
