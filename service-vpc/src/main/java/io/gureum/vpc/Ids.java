package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import java.util.Map;

/** The NotFound error of each ID prefix (its wording is the catalogue's template). */
final class Ids {
    private static final Map<String, Ec2Error> KINDS = Map.ofEntries(
            Map.entry("vpc", Ec2Error.INVALID_VPC_ID_NOT_FOUND),
            Map.entry("i", Ec2Error.INVALID_INSTANCE_ID_NOT_FOUND),
            Map.entry("subnet", Ec2Error.INVALID_SUBNET_ID_NOT_FOUND),
            Map.entry("igw", Ec2Error.INVALID_INTERNET_GATEWAY_ID_NOT_FOUND),
            Map.entry("eigw", Ec2Error.INVALID_GATEWAY_ID_NOT_FOUND),
            Map.entry("rtb", Ec2Error.INVALID_ROUTE_TABLE_ID_NOT_FOUND),
            Map.entry("eipalloc", Ec2Error.INVALID_ALLOCATION_ID_NOT_FOUND),
            Map.entry("nat", Ec2Error.NAT_GATEWAY_NOT_FOUND),
            Map.entry("sg", Ec2Error.INVALID_GROUP_NOT_FOUND),
            Map.entry("acl", Ec2Error.INVALID_NETWORK_ACL_ID_NOT_FOUND),
            Map.entry("vpce", Ec2Error.INVALID_VPC_ENDPOINT_ID_NOT_FOUND),
            Map.entry("eni", Ec2Error.INVALID_NETWORK_INTERFACE_ID_NOT_FOUND),
            Map.entry("pl", Ec2Error.INVALID_PREFIX_LIST_ID_NOT_FOUND),
            Map.entry("pcx", Ec2Error.INVALID_VPC_PEERING_CONNECTION_ID_NOT_FOUND),
            Map.entry("tgw", Ec2Error.INVALID_TRANSIT_GATEWAY_ID_NOT_FOUND),
            Map.entry("tgw-attach", Ec2Error.INVALID_TRANSIT_GATEWAY_ATTACHMENT_ID_NOT_FOUND),
            Map.entry("tgw-rtb", Ec2Error.INVALID_ROUTE_TABLE_ID_NOT_FOUND),
            Map.entry("cgw", Ec2Error.INVALID_CUSTOMER_GATEWAY_ID_NOT_FOUND),
            Map.entry("vgw", Ec2Error.INVALID_VPN_GATEWAY_ID_NOT_FOUND),
            Map.entry("sgr", Ec2Error.INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND));

    private Ids() {
    }

    /** The NotFound error for an ID of any family, chosen by its prefix. */
    static AwsException notFoundFor(String id) {
        int dash = id.lastIndexOf('-');
        String prefix = dash < 0 ? "" : id.substring(0, dash);
        if (prefix.equals("cagw")) {
            return CarrierGateways.notFound(id);
        }
        if (prefix.equals("cvpn-endpoint")) {
            return ClientVpnEndpoints.notFound(id);
        }
        if (prefix.equals("vpn")) {
            return VpnConnections.notFound(id);
        }
        switch (prefix) {
            case "ipam":
                return Ipams.ipamNotFound(id);
            case "ipam-scope":
                return Ipams.scopeNotFound(id);
            case "ipam-pool":
                return IpamPools.poolNotFound(id);
            case "ipam-res-disco":
                return Ipams.discoveryNotFound(id);
            case "ipam-res-disco-assoc":
                return Ipams.associationNotFound(id);
            case "rs":
                return RouteServers.notFound(id);
            case "rse":
                return RouteServerEndpoints.endpointNotFound(id);
            case "rsp":
                return RouteServerEndpoints.peerNotFound(id);
            case "vpce-svc":
                return VpcEndpointServices.notFound(id);
            case "tgw-mp":
                return TransitGatewayMeteringPolicies.notFound(id);
            case "vcn":
                return VpnConcentrators.notFound(id);
            case "ipv4pool-ec2":
                return PublicIpv4Pools.notFound(id);
            case "ipam-prl":
                return IpamPrefixListResolvers.notFound(id);
            case "ipam-prlt":
                return IpamPrefixListResolvers.targetNotFound(id);
            default:
                break;
        }
        if (!KINDS.containsKey(prefix) && !prefix.equals("dopt")) {
            return Ec2Error.INVALID_ID.of(id);
        }
        return notFound(prefix, id);
    }

    static AwsException notFound(String prefix, String id) {
        if (prefix.equals("dopt")) {
            // Not (yet) in ec2-common's catalogue: AWS's code for a DHCP option set that does not exist.
            return new AwsException("InvalidDhcpOptionID.NotFound", "The dhcpOption ID '" + id + "' does not exist", 400);
        }
        return KINDS.get(prefix).of(id);
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
            case "eigw" -> "egressOnlyInternetGatewayId";
            case "dopt" -> "dhcpOptionsId";
            case "rtb" -> "routeTableId";
            case "sg" -> "groupId";
            case "acl" -> "networkAclId";
            case "eni" -> "networkInterfaceId";
            case "eipalloc" -> "allocationId";
            default -> prefix + "Id";
        };
    }
}
