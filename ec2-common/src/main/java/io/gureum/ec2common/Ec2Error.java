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
    // The compute share (instances, images, EBS); https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
    IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch", 400, null),
    INCORRECT_INSTANCE_STATE("IncorrectInstanceState", 400, null),
    INCORRECT_MODIFICATION_STATE("IncorrectModificationState", 400, null),
    INVALID_AMI_ATTRIBUTE_ITEM_VALUE("InvalidAMIAttributeItemValue", 400, null),
    INVALID_AMI_ID_MALFORMED("InvalidAMIID.Malformed", 400, "Invalid id: \"%s\" (expecting \"ami-...\")"),
    INVALID_AMI_ID_NOT_FOUND("InvalidAMIID.NotFound", 400, "The image id '[%s]' does not exist"),
    INVALID_AMI_ID_UNAVAILABLE("InvalidAMIID.Unavailable", 400, "The image id '[%s]' is no longer available"),
    INVALID_AMI_NAME_DUPLICATE("InvalidAMIName.Duplicate", 400, "AMI name %s is already in use by AMI %s"),
    INVALID_AMI_NAME_MALFORMED("InvalidAMIName.Malformed", 400, null),
    INVALID_BLOCK_DEVICE_MAPPING("InvalidBlockDeviceMapping", 400, null),
    INVALID_INSTANCE_ATTRIBUTE_VALUE("InvalidInstanceAttributeValue", 400, null),
    INVALID_INSTANCE_ID_MALFORMED("InvalidInstanceID.Malformed", 400, "Invalid id: \"%s\""),
    INVALID_SNAPSHOT_ID_MALFORMED("InvalidSnapshotID.Malformed", 400, "Invalid id: \"%s\" (expecting \"snap-...\")"),
    INVALID_SNAPSHOT_IN_USE("InvalidSnapshot.InUse", 400, "The snapshot %s is currently in use by %s"),
    INVALID_SNAPSHOT_NOT_FOUND("InvalidSnapshot.NotFound", 400, "The snapshot '%s' does not exist."),
    INVALID_VOLUME_ID_MALFORMED("InvalidVolumeID.Malformed", 400, "Invalid id: \"%s\" (expecting \"vol-...\")"),
    INVALID_VOLUME_NOT_FOUND("InvalidVolume.NotFound", 400, "The volume '%s' does not exist."),
    INVALID_VOLUME_ZONE_MISMATCH("InvalidVolume.ZoneMismatch", 400, "The volume '%s' is not in the same availability zone as instance '%s'"),
    INVALID_VOLUME_MODIFICATION_NOT_FOUND("InvalidVolumeModification.NotFound", 400, "Modification for volume '%s' does not exist."),
    UNSUPPORTED_HIBERNATION_CONFIGURATION("UnsupportedHibernationConfiguration", 400, null),
    UNSUPPORTED_OPERATION("UnsupportedOperation", 400, null),
    VCPU_LIMIT_EXCEEDED("VcpuLimitExceeded", 400, "You have requested more vCPU capacity than your current vCPU limit of %s allows for the instance bucket that the specified instance type belongs to. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit."),
    VOLUME_IN_USE("VolumeInUse", 400, null),
    AUTH_FAILURE("AuthFailure", 400, "You do not have permission to access the specified resource."),
    CANNOT_DELETE("CannotDelete", 400, "the specified group: \"%s\" name: \"default\" cannot be deleted by a user"),
    CIDR_LIMIT_EXCEEDED("CidrLimitExceeded", 400, null),
    DEFAULT_VPC_ALREADY_EXISTS("DefaultVpcAlreadyExists", 400, "A Default VPC already exists for this account in this region."),
    DEPENDENCY_VIOLATION("DependencyViolation", 400, "The %s '%s' has dependencies and cannot be deleted."),
    DRY_RUN_OPERATION("DryRunOperation", 412, "Request would have succeeded, but DryRun flag is set."),
    DUPLICATE_SUBNETS_IN_SAME_ZONE("DuplicateSubnetsInSameZone", 400, null),
    DUPLICATE_TRANSIT_GATEWAY_ATTACHMENT("DuplicateTransitGatewayAttachment", 400, "%s has non-deleted Transit Gateway Attachments with same VPC ID."),
    GATEWAY_NOT_ATTACHED("Gateway.NotAttached", 400, null),
    INCORRECT_STATE("IncorrectState", 400, null),
    INSUFFICIENT_FREE_ADDRESSES_IN_SUBNET("InsufficientFreeAddressesInSubnet", 400, "There are not enough free addresses in subnet '%s' to satisfy the requested number of instances."),
    INVALID_ADDRESS_NOT_FOUND("InvalidAddress.NotFound", 400, "Address '%s' not found."),
    INVALID_ALLOCATION_ID_NOT_FOUND("InvalidAllocationID.NotFound", 400, "The allocation ID '%s' does not exist"),
    INVALID_ASSOCIATION_NOT_FOUND("InvalidAssociation.NotFound", 400, null),
    INVALID_ASSOCIATION_ID_NOT_FOUND("InvalidAssociationID.NotFound", 400, "The association ID '%s' does not exist"),
    INVALID_ATTACHMENT_ID_NOT_FOUND("InvalidAttachmentID.NotFound", 400, "Interface attachment '%s' does not exist"),
    INVALID_CUSTOMER_GATEWAY_ID_NOT_FOUND("InvalidCustomerGatewayID.NotFound", 400, "The customerGateway ID '%s' does not exist"),
    INVALID_GATEWAY_ID_NOT_FOUND("InvalidGatewayID.NotFound", 400, "The gateway ID '%s' does not exist"),
    INVALID_GROUP_DUPLICATE("InvalidGroup.Duplicate", 400, "The security group '%s' already exists for VPC '%s'"),
    INVALID_GROUP_NOT_FOUND("InvalidGroup.NotFound", 400, "The security group '%s' does not exist"),
    INVALID_ID("InvalidID", 400, "The ID '%s' is not valid"),
    INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound", 400, "The instance ID '%s' does not exist"),
    INVALID_INSTANCE_TYPE("InvalidInstanceType", 400, "The following supplied instance types do not exist: [%s]"),
    INVALID_INTERNET_GATEWAY_ID_NOT_FOUND("InvalidInternetGatewayID.NotFound", 400, "The internetGateway ID '%s' does not exist"),
    INVALID_IP_ADDRESS_IN_USE("InvalidIPAddress.InUse", 400, "Address %s is in use."),
    INVALID_NAT_GATEWAY_ID_NOT_FOUND("InvalidNatGatewayID.NotFound", 400, "The natGateway ID '%s' does not exist"),
    INVALID_NETWORK_ACL_ENTRY_NOT_FOUND("InvalidNetworkAclEntry.NotFound", 400, "The network acl entry identified by %s does not exist."),
    INVALID_NETWORK_ACL_ID_NOT_FOUND("InvalidNetworkAclID.NotFound", 400, "The networkAcl ID '%s' does not exist"),
    INVALID_NETWORK_INTERFACE_IN_USE("InvalidNetworkInterface.InUse", 400, "Interface: [%s] in use."),
    INVALID_NETWORK_INTERFACE_ID_NOT_FOUND("InvalidNetworkInterfaceID.NotFound", 400, "The networkInterface ID '%s' does not exist"),
    INVALID_NEXT_TOKEN("InvalidNextToken", 400, "The token '%s' is invalid."),
    INVALID_PAGINATION_TOKEN("InvalidPaginationToken", 400, "Invalid pagination token"),
    INVALID_PARAMETER("InvalidParameter", 400, null),
    INVALID_PARAMETER_COMBINATION("InvalidParameterCombination", 400, null),
    INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, "Value (%s) for parameter %s is invalid. %s"),
    INVALID_PERMISSION_DUPLICATE("InvalidPermission.Duplicate", 400, "the specified rule \"%s\" already exists"),
    INVALID_PERMISSION_NOT_FOUND("InvalidPermission.NotFound", 400, "The specified rule does not exist in this security group."),
    INVALID_PREFIX_LIST_ID_NOT_FOUND("InvalidPrefixListID.NotFound", 400, "The prefix list ID '%s' does not exist"),
    INVALID_ROUTE_NOT_FOUND("InvalidRoute.NotFound", 400, null),
    INVALID_ROUTE_TABLE_ID_NOT_FOUND("InvalidRouteTableID.NotFound", 400, "The routeTable ID '%s' does not exist"),
    /** AWS spells this one {@code Id} (DisableTransitGatewayRouteTablePropagation of a propagation that does not exist). */
    INVALID_ROUTE_TABLE_ID_NOT_FOUND_FOR_PROPAGATION("InvalidRouteTableId.NotFound", 400, "Propagation for %s does not exist in Transit Gateway Route Table %s."),
    INVALID_SECURITY_GROUP_RULE_ID_NOT_FOUND("InvalidSecurityGroupRuleId.NotFound", 400, "The security group rule ID '%s' does not exist"),
    INVALID_SERVICE_NAME("InvalidServiceName", 400, "The Vpc Endpoint Service '%s' does not exist"),
    INVALID_STATE_TRANSITION("InvalidStateTransition", 400, "Invalid state transition for %s, attempted to transition from %s to %s"),
    INVALID_SUBNET_CONFLICT("InvalidSubnet.Conflict", 400, "The CIDR '%s' conflicts with another subnet"),
    INVALID_SUBNET_RANGE("InvalidSubnet.Range", 400, null),
    INVALID_SUBNET_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND("InvalidSubnetCidrBlockAssociationID.NotFound", 400, "The subnet CIDR block association ID '%s' does not exist"),
    INVALID_SUBNET_ID_NOT_FOUND("InvalidSubnetID.NotFound", 400, "The subnet ID '%s' does not exist"),
    INVALID_TRANSIT_GATEWAY_ATTACHMENT_ID_NOT_FOUND("InvalidTransitGatewayAttachmentID.NotFound", 400, "The transitGatewayAttachment ID '%s' does not exist"),
    INVALID_TRANSIT_GATEWAY_ID_NOT_FOUND("InvalidTransitGatewayID.NotFound", 400, "The transitGateway ID '%s' does not exist"),
    INVALID_VPC_RANGE("InvalidVpc.Range", 400, "The CIDR '%s' is invalid."),
    INVALID_VPC_CIDR_BLOCK_ASSOCIATION_ID_NOT_FOUND("InvalidVpcCidrBlockAssociationID.NotFound", 400, "The vpc CIDR block association ID '%s' does not exist"),
    INVALID_VPC_ENDPOINT_ID_NOT_FOUND("InvalidVpcEndpointId.NotFound", 400, "The Vpc Endpoint Id '%s' does not exist"),
    INVALID_VPC_ID_NOT_FOUND("InvalidVpcID.NotFound", 400, "The vpc ID '%s' does not exist"),
    INVALID_VPC_PEERING_CONNECTION_ID_NOT_FOUND("InvalidVpcPeeringConnectionID.NotFound", 400, "The vpcPeeringConnection ID '%s' does not exist"),
    INVALID_VPN_GATEWAY_ATTACHMENT_NOT_FOUND("InvalidVpnGatewayAttachment.NotFound", 400, "The attachment with vpn gateway ID '%s' and vpc ID '%s' does not exist"),
    INVALID_VPN_GATEWAY_ID_NOT_FOUND("InvalidVpnGatewayID.NotFound", 400, "The vpnGateway ID '%s' does not exist"),
    MISSING_PARAMETER("MissingParameter", 400, "The request must contain the parameter %s"),
    NAT_GATEWAY_NOT_FOUND("NatGatewayNotFound", 400, "NAT gateway %s was not found"),
    NETWORK_ACL_ENTRY_ALREADY_EXISTS("NetworkAclEntryAlreadyExists", 400, "The network acl entry identified by %s already exists."),
    OPERATION_NOT_PERMITTED("OperationNotPermitted", 400, null),
    PREFIX_LIST_MAX_ENTRIES_EXCEEDED("PrefixListMaxEntriesExceeded", 400, "The prefix list has exceeded its maximum number of entries."),
    PREFIX_LIST_VERSION_MISMATCH("PrefixListVersionMismatch", 400, "The prefix list %s has been modified. The current version is %s."),
    RESOURCE_ALREADY_ASSOCIATED("Resource.AlreadyAssociated", 400, null),
    ROUTE_ALREADY_EXISTS("RouteAlreadyExists", 400, null),
    TAG_LIMIT_EXCEEDED("TagLimitExceeded", 400, "The maximum number of Tags for a resource has been reached."),
    TRANSIT_GATEWAY_ROUTE_TABLE_PROPAGATION_DUPLICATE("TransitGatewayRouteTablePropagation.Duplicate", 400, "Propagation for %s already exists in Transit Gateway Route Table %s."),
    UNAUTHORIZED_OPERATION("UnauthorizedOperation", 400, null),
    VPC_ID_NOT_SPECIFIED("VPCIdNotSpecified", 400, "No default VPC for this user"),
    VPN_GATEWAY_ATTACHMENT_LIMIT_EXCEEDED("VpnGatewayAttachmentLimitExceeded", 400, "The maximum number of attachments for %s has been reached.");

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
