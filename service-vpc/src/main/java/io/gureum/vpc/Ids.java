package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import java.util.Map;

/** The NotFound and Malformed errors of each ID prefix, in AWS's wording. */
final class Ids {
    private record Kind(String code, String noun) {
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("vpc", new Kind("InvalidVpcID.NotFound", "vpc")),
            Map.entry("subnet", new Kind("InvalidSubnetID.NotFound", "subnet")),
            Map.entry("igw", new Kind("InvalidInternetGatewayID.NotFound", "internetGateway")),
            Map.entry("rtb", new Kind("InvalidRouteTableID.NotFound", "routeTable")),
            Map.entry("eipalloc", new Kind("InvalidAllocationID.NotFound", "allocation")),
            Map.entry("nat", new Kind("NatGatewayNotFound", "natGateway")),
            Map.entry("sg", new Kind("InvalidGroup.NotFound", "security group")),
            Map.entry("acl", new Kind("InvalidNetworkAclID.NotFound", "networkAcl")),
            Map.entry("vpce", new Kind("InvalidVpcEndpointId.NotFound", "vpcEndpoint")),
            Map.entry("eni", new Kind("InvalidNetworkInterfaceID.NotFound", "networkInterface")),
            Map.entry("pl", new Kind("InvalidPrefixListID.NotFound", "prefixList")),
            Map.entry("pcx", new Kind("InvalidVpcPeeringConnectionID.NotFound", "vpcPeeringConnection")),
            Map.entry("tgw", new Kind("InvalidTransitGatewayID.NotFound", "transitGateway")),
            Map.entry("tgw-attach", new Kind("InvalidTransitGatewayAttachmentID.NotFound", "transitGatewayAttachment")),
            Map.entry("tgw-rtb", new Kind("InvalidRouteTableID.NotFound", "routeTable")),
            Map.entry("cgw", new Kind("InvalidCustomerGatewayID.NotFound", "customerGateway")),
            Map.entry("vgw", new Kind("InvalidVpnGatewayID.NotFound", "vpnGateway")),
            Map.entry("sgr", new Kind("InvalidSecurityGroupRuleId.NotFound", "security group rule")));

    private Ids() {
    }

    /** The NotFound error for an ID of any family, chosen by its prefix. */
    static AwsException notFoundFor(String id) {
        int dash = id.lastIndexOf('-');
        String prefix = dash < 0 ? "" : id.substring(0, dash);
        Kind kind = KINDS.get(prefix);
        if (kind == null) {
            return Ec2Errors.error("InvalidID", "The ID '" + id + "' is not valid");
        }
        return notFound(prefix, id);
    }

    static AwsException notFound(String prefix, String id) {
        Kind kind = KINDS.get(prefix);
        if (prefix.equals("sg")) {
            return Ec2Errors.error(kind.code, "The security group '" + id + "' does not exist");
        }
        if (prefix.equals("nat")) {
            return Ec2Errors.error(kind.code, "NAT gateway " + id + " was not found");
        }
        if (prefix.equals("eipalloc")) {
            return Ec2Errors.error(kind.code, "The allocation ID '" + id + "' does not exist");
        }
        if (prefix.equals("vpce")) {
            return Ec2Errors.error(kind.code, "The Vpc Endpoint Id '" + id + "' does not exist");
        }
        if (prefix.equals("sgr")) {
            return Ec2Errors.error(kind.code, "The security group rule ID '" + id + "' does not exist");
        }
        if (prefix.equals("pl")) {
            return Ec2Errors.error(kind.code, "The prefix list ID '" + id + "' does not exist");
        }
        return Ec2Errors.notFound(kind.code, kind.noun, id);
    }

    /** Looks an ID up in one family, or throws that family's NotFound error. */
    static <T> T require(Map<String, T> family, String prefix, String id) {
        if (id == null) {
            throw Ec2Errors.missing(paramName(prefix));
        }
        T found = family.get(id);
        if (found == null) {
            throw notFound(prefix, id);
        }
        return found;
    }

    private static String paramName(String prefix) {
        return switch (prefix) {
            case "vpc" -> "vpcId";
            case "subnet" -> "subnetId";
            case "igw" -> "internetGatewayId";
            case "rtb" -> "routeTableId";
            case "sg" -> "groupId";
            case "acl" -> "networkAclId";
            case "eni" -> "networkInterfaceId";
            case "eipalloc" -> "allocationId";
            default -> prefix + "Id";
        };
    }
}
