package io.gureum.vpc.reachability;

import software.amazon.awssdk.services.ec2.model.Explanation;

/**
 * AWS's explanation codes this engine reports, with the meaning AWS documents for each
 * (https://docs.aws.amazon.com/vpc/latest/reachability/explanation-codes.html).
 */
final class Explain {
    /** This component is not in a functional state. */
    static final String BAD_STATE = "BAD_STATE";
    /** The attachment between these components is not in a functional state. */
    static final String BAD_STATE_ATTACHMENT = "BAD_STATE_ATTACHMENT";
    /** This route is not in a functional state. */
    static final String BAD_STATE_ROUTE = "BAD_STATE_ROUTE";
    static final String ENI_SG_RULES_MISMATCH = "ENI_SG_RULES_MISMATCH";
    static final String SG_HAS_NO_RULES = "SG_HAS_NO_RULES";
    static final String ENI_SOURCE_DEST_CHECK_RESTRICTION = "ENI_SOURCE_DEST_CHECK_RESTRICTION";
    static final String SUBNET_ACL_RESTRICTION = "SUBNET_ACL_RESTRICTION";
    static final String NO_ROUTE_TO_DESTINATION = "NO_ROUTE_TO_DESTINATION";
    static final String NO_POSSIBLE_DESTINATION = "NO_POSSIBLE_DESTINATION";
    static final String IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS = "IGW_PUBLIC_IP_ASSOCIATION_FOR_EGRESS";
    static final String IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS = "IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS";
    static final String IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS = "IGW_DESTINATION_ADDRESS_NOT_IN_RFC1918_EGRESS";
    static final String IGW_NAT_REFLECTION = "IGW_NAT_REFLECTION";
    static final String IGW_EXPECTS_PUBLIC_ADDRESS = "IGW_EXPECTS_PUBLIC_ADDRESS";
    static final String NGW_REQUIRES_SOURCE_IN_VPC = "NGW_REQUIRES_SOURCE_IN_VPC";
    static final String PCX_REQUIRES_ADDRESS_IN_VPC_CIDR = "PCX_REQUIRES_ADDRESS_IN_VPC_CIDR";
    static final String TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION = "TGW_ATTACH_MISSING_TGW_RTB_ASSOCIATION";
    static final String TGW_ROUTE_AZ_RESTRICTION = "TGW_ROUTE_AZ_RESTRICTION";
    static final String TGW_RTB_BAD_STATE_ROUTE = "TGW_RTB_BAD_STATE_ROUTE";
    static final String VPCE_GATEWAY_PROTOCOL_RESTRICTION = "VPCE_GATEWAY_PROTOCOL_RESTRICTION";
    static final String DISCONNECTED_VPCS = "DISCONNECTED_VPCS";
    static final String NO_SOURCE_OR_DESTINATION = "NO_SOURCE_OR_DESTINATION";
    static final String UNASSOCIATED_COMPONENT = "UNASSOCIATED_COMPONENT";
    static final String UNSUPPORTED_COMPONENT = "UNSUPPORTED_COMPONENT";
    static final String COMPONENT_FILTER_RESTRICTION = "COMPONENT_FILTER_RESTRICTION";
    static final String FILTER_AT_DESTINATION_SOURCE_ADDRESS = "FILTER_AT_DESTINATION_SOURCE_ADDRESS";
    static final String FILTER_AT_DESTINATION_DESTINATION_PORT_RANGE = "FILTER_AT_DESTINATION_DESTINATION_PORT_RANGE";

    /**
     * VPC Block Public Access blocks the traffic through the internet gateway (the code AWS's Reachability
     * Analyzer reports for it, https://docs.aws.amazon.com/vpc/latest/userguide/security-vpc-bpa-assess-impact.html).
     */
    static final String VPC_BLOCK_PUBLIC_ACCESS_ENABLED = "VPC_BLOCK_PUBLIC_ACCESS_ENABLED";

    private Explain() {
    }

    static Explanation.Builder code(String code) {
        return Explanation.builder().explanationCode(code);
    }

    static Blocked blocked(Explanation.Builder e) {
        return new Blocked(e.build());
    }
}
