package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NetworkAclEntry;
import io.gureum.vpc.model.Resource;
import io.gureum.vpc.model.Route;
import io.gureum.vpc.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.AnalysisAclRule;
import software.amazon.awssdk.services.ec2.model.AnalysisComponent;
import software.amazon.awssdk.services.ec2.model.AnalysisRouteTableRoute;
import software.amazon.awssdk.services.ec2.model.AnalysisSecurityGroupRule;

/** The result shapes (AnalysisComponent, rules, routes) of stored records, as AWS reports them. */
final class Components {
    private final NetworkState net;
    private final VpcStore store;

    Components(NetworkState net) {
        this.net = net;
        this.store = net.store();
    }

    /** The component with its ARN in the account that owns it (a peering connection: the analysing side's). */
    AnalysisComponent of(Resource r) {
        return r == null ? null : ofId(r.id, r.resourceType());
    }

    /** A resource known by ID (also one of another store, or gone). */
    AnalysisComponent ofId(String id, String type) {
        String account = type.equals("vpc-peering-connection") ? store.account : net.accountOf(id);
        return AnalysisComponent.builder().id(id)
                .arn("arn:aws:ec2:" + store.region + ":" + account + ":" + type + "/" + id).build();
    }

    static AnalysisAclRule acl(NetworkAclEntry e) {
        PortRange ports = PortRange.of(e.portFrom, e.portTo);
        return AnalysisAclRule.builder().cidr(e.cidrBlock).egress(e.egress).protocol(e.protocol)
                .ruleAction(e.ruleAction).ruleNumber(e.ruleNumber)
                .portRange(e.portFrom == null ? null : ports.toSdk()).build();
    }

    static AnalysisSecurityGroupRule sg(String groupId, SecurityGroupRule r) {
        return AnalysisSecurityGroupRule.builder().securityGroupId(groupId).direction(r.egress ? "egress" : "ingress")
                .protocol(r.protocol).cidr(r.cidrIpv4).prefixListId(r.prefixListId)
                .portRange(r.fromPort == null || "-1".equals(r.protocol) ? null
                        : PortRange.of(r.fromPort, r.toPort).toSdk())
                .build();
    }

    static AnalysisRouteTableRoute route(Route r, String state) {
        return AnalysisRouteTableRoute.builder().destinationCidr(r.destinationCidr)
                .destinationPrefixListId(r.destinationPrefixListId).gatewayId(r.gatewayId)
                .natGatewayId(r.natGatewayId).networkInterfaceId(r.networkInterfaceId).instanceId(r.instanceId)
                .vpcPeeringConnectionId(r.vpcPeeringConnectionId).transitGatewayId(r.transitGatewayId)
                .egressOnlyInternetGatewayId(r.egressOnlyInternetGatewayId).origin(r.origin).state(state).build();
    }
}
