package io.gureum.ec2common;

import io.gureum.core.error.AwsException;

/**
 * The EC2 API's error catalogue, shared by every module that serves the API: each code with its HTTP
 * status and, where AWS words the message one way for the code, its message template ({@code %s} for
 * each argument). EC2 has no modeled exceptions: every error is a code, a message and a status, 400
 * for client errors (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html), and
 * 412 for {@code DryRunOperation} (the answer when the request would have succeeded).
 */
public enum Ec2Error {
    AUTH_FAILURE("AuthFailure", 400, null),
    CANNOT_DELETE("CannotDelete", 400, null),
    CIDR_LIMIT_EXCEEDED("CidrLimitExceeded", 400, null),
    DEFAULT_VPC_ALREADY_EXISTS("DefaultVpcAlreadyExists", 400, null),
    DEPENDENCY_VIOLATION("DependencyViolation", 400, "The %s '%s' has dependencies and cannot be deleted."),
    DRY_RUN_OPERATION("DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set."),
    DUPLICATE_SUBNETS_IN_SAME_ZONE("DuplicateSubnetsInSameZone", 400, null),
    DUPLICATE_TRANSIT_GATEWAY_ATTACHMENT("DuplicateTransitGatewayAttachment", 400, null),
    GATEWAY_NOT_ATTACHED("Gateway.NotAttached", 400, null),
    INCORRECT_STATE("IncorrectState", 400, null),
    INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET("InsufficientFreeAddressesInSubnet", 400, null),
    INVALID_ADDRESS_NOT_FOUND("InvalidAddress.NotFound", 400, null),
    INVALID_ALLOCATION_ID_NOT_FOUND("InvalidAllocationID.NotFound", 400, "The allocation ID '%s' does not exist"),
    INVALID_ASSOCIATION_NOT_FOUND("InvalidAssociation.NotFound", 400, null),
    INVALID_ASSOCIATION_ID_NOT_FOUND("InvalidAssociationID.NotFound", 400, null),
    INVALID_ATTACHMENT_ID_NOT_FOUND("InvalidAttachmentID.NotFound", 400, null),
    INVALID_CUSTOMER_GATEWAY_ID_NOT_FOUND("InvalidCustomerGatewayID.NotFound", 400, "The customerGateway ID '%s' does not exist"),
    INVALID_GATEWAY_ID_NOT_FOUND("InvalidGatewayID.NotFound", 400, null),
    INVALID_GROUP_DUPLICATE("InvalidGroup.Duplicate", 400, null),
    INVALID_GROUP_NOT_FOUND("InvalidGroup.NotFound", 400, "The security group '%s' does not exist"),
    INVALID_ID("InvalidID", 400, "The ID '%s' is not valid"),
    INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound", 400, "The instance ID '%s' does not exist"),
    INVALID_INSTANCE_TYPE("InvalidInstanceType", 400, "The following supplied instance types do not exist: [%s]"),
    INVALID_INTERNET_GATEWAY_ID_NOT_FOUND("InvalidInternetGatewayID.NotFound", 400, "The internetGateway ID '%s' does not exist"),
    INVALID_IP_ADDRESS_IN_USE("InvalidIPAddress.InUse", 400, null),
    INVALID_NAT_GATEWAY_ID_NOT_FOUND("InvalidNatGatewayID.NotFound", 400, "The natGateway ID '%s' does not exist"),
    INVALID_NETWORK_ACL_ENTRY_NOT_FOUND("InvalidNetworkAclEntry.NotFound", 400, null),
    INVALID_NETWORK_ACL_ID_NOT_FOUND("InvalidNetworkAclID.NotFound", 400, "The networkAcl ID '%s' does not exist"),
    INVALID_NETWORK_INTERFACE_IN_USE("InvalidNetworkInterface.InUse", 400, null),
    INVALID_NETWORK_INTERFACE_ID_NOT_FOUND("InvalidNetworkInterfaceID.NotFound", 400, "The networkInterface ID '%s' does not exist"),
    INVALID_NEXT_TOKEN("InvalidNextToken", 400, "The token '%s' is invalid."),
    INVALID_PAGINATION_TOKEN("InvalidPaginationToken", 400, "Invalid pagination token"),
    INVALID_PARAMETER("InvalidParameter", 400, null),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400, null),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, "Value (%s) for parameter %s is invalid. %s"),
    INVALID_PERMISSION_DUPLICATE("InvalidPermission.Duplicate", 400, null),
    INVALID_PERMISSION_NOT_FOUND("InvalidPermission.NotFound", 400, null),
    INVALID_PREFIX_LIST_ID_NOT_FOUND("InvalidPrefixListID.NotFound", 400, "The prefix list ID '%s' does not exist"),
    INVALID_ROUTE_NOT_FOUND("InvalidRoute.NotFound", 400, null),
    INVALID_ROUTE_TABLE_ID_NOT_FOUND("InvalidRouteTableID.NotFound", 400, "The routeTable ID '%s' does not exist"),
    /** AWS spells this one {@code Id} (DisableTransitGatewayRouteTablePropagation of a propagation that does not exist). */
    INVALID_ROUTE_TABLE_ID_NOT_FOUND_FOR_PROPAGATION("InvalidRouteTableId.NotFound", 400, null),
    INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND("InvalidSecurityGroupRuleId.NotFound", 400, "The security group rule ID '%s' does not exist"),
    INVALID_SERVICE_NAME("InvalidServiceName", 400, null),
    INVALID_STATE_TRANSITION("InvalidStateTransition", 400, null),
    INVALID_SUBNET_CONFLICT("InvalidSubnet.Conflict", 400, null),
    INVALID_SUBNET_RANGE("InvalidSubnet.Range", 400, null),
    INVALID_SUBNET_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND("InvalidSubnetCidrBlockAssociationID.NotFound", 400, null),
    INVALID_SUBNET_ID_NOT_FOUND("InvalidSubnetID.NotFound", 400, "The subnet ID '%s' does not exist"),
    INVALID_TRANSIT_GATEWAY_ATTACHMENT_ID_NOT_FOUND("InvalidTransitGatewayAttachmentID.NotFound", 400, "The transitGatewayAttachment ID '%s' does not exist"),
    INVALID_TRANSIT_GATEWAY_ID_NOT_FOUND("InvalidTransitGatewayID.NotFound", 400, "The transitGateway ID '%s' does not exist"),
    INVALID_VPC_RANGE("InvalidVpc.Range", 400, null),
    INVALID_VPC_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND("InvalidVpcCidrBlockAssociationID.NotFound", 400, null),
    INVALID_VPC_ENDPOINT_ID_NOT_FOUND("InvalidVpcEndpointId.NotFound", 400, "The Vpc Endpoint Id '%s' does not exist"),
    INVALID_VPC_ID_NOT_FOUND("InvalidVpcID.NotFound", 400, "The vpc ID '%s' does not exist"),
    INVALID_VPC_PEERING_CONNECTION_ID_NOT_FOUND("InvalidVpcPeeringConnectionID.NotFound", 400, "The vpcPeeringConnection ID '%s' does not exist"),
    INVALID_VPN_GATEWAY_ATTACHMENT_NOT_FOUND("InvalidVpnGatewayAttachment.NotFound", 400, null),
    INVALID_VPN_GATEWAY_ID_NOT_FOUND("InvalidVpnGatewayID.NotFound", 400, "The vpnGateway ID '%s' does not exist"),
    MISSING_PARAMETER("MissingParameter", 400, "The request must contain the parameter %s"),
    NAT_GATEWAY_NOT_FOUND("NatGatewayNotFound", 400, "NAT gateway %s was not found"),
    NETWORK_ACL_ENTRY_ALREADY_EXISTS("NetworkAclEntryAlreadyExists", 400, null),
    OPERATION_NOT_PERMITTED("OperationNotPermitted", 400, null),
    PREFIX_LIST_MAX_ENTRIES_EXCEEDED("PrefixListMaxEntriesExceeded", 400, null),
    PREFIX_LIST_VERSION_MISMATCH("PrefixListVersionMismatch", 400, null),
    RESOURCE_ALREADY_ASSOCIATED("Resource.AlreadyAssociated", 400, null),
    ROUTE_ALREADY_EXISTS("RouteAlreadyExists", 400, null),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded", 400, "The maximum number of Tags for a resource has been reached."),
    TRANSIT_GATEWAY_ROUTE_TABLE_PROPAGATION_DUPLICATE("TransitGatewayRouteTablePropagation.Duplicate", 400, null),
    UNAUTHORIZED_OPERATION("UnauthorizedOperation", 400, null),
    VPC_ID_NOT_SPECIFIED("VPCIdNotSpecified", 400, null),
    VPN_GATEWAY_ATTACHMENT_LIMIT_EXCEEDED("VpnGatewayAttachmentLimitExceeded", 400, null);

    private final String code;
    private final int status;
    private final String template;

    Ec2Error(String code, int status, String template) {
        this.code = code;
        this.status = status;
        this.template = template;
    }

    /** AWS's error code, e.g. {@code InvalidSubnet.Conflict}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Whether this code has one message pattern, filled by {@link #of}. */
    public boolean hasTemplate() {
        return template != null;
    }

    /** The error with its catalogue message, the template's {@code %s} filled with {@code args}. */
    public AwsException of(Object... args) {
        if (template == null) {
            throw new IllegalStateException(code + " has no message template; use withMessage");
        }
        return new AwsException(code, String.format(template, args), status);
    }

    /** The error with a message worded for the case (codes whose AWS message varies from case to case). */
    public AwsException withMessage(String message) {
        return new AwsException(code, message, status);
    }
}
