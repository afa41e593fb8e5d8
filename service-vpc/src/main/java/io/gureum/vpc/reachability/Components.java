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
    private final VpcStore store;

    Components(VpcStore store) {
        this.store = store;
    }

    AnalysisComponent of(Resource r) {
        return r == null ? null : AnalysisComponent.builder().id(r.id).arn(store.arnOf(r).toString()).build();
    }

    /** A resource known only by ID (of another store, or gone). */
    AnalysisComponent ofId(String id, String type) {
        return AnalysisComponent.builder().id(id)
                .arn("arn:aws:ec2:" + store.region + ":" + store.account + ":" + type + "/" + id).build();
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
