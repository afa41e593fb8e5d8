package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one VPC endpoint service (PrivateLink): the load balancers it fronts, who may connect,
 * the endpoints connected to it (in any account of its region) and its private DNS name's verification.
 * States follow the clock from the instants kept here.
 */
public final class VpcEndpointService extends Resource {
    public String serviceName;
    /** {@code Interface} (Network Load Balancers) or {@code GatewayLoadBalancer}. */
    public String serviceType;
    public boolean acceptanceRequired;
    public final List<String> networkLoadBalancerArns = new ArrayList<>();
    public final List<String> gatewayLoadBalancerArns = new ArrayList<>();
    public final List<String> supportedIpAddressTypes = new ArrayList<>();
    public final List<String> supportedRegions = new ArrayList<>();
    public String privateDnsName;
    /** The TXT record's name and value AWS asks the domain's owner to publish for verification. */
    public String dnsTxtName;
    public String dnsTxtValue;
    /** When StartVpcEndpointServicePrivateDnsVerification was last called; null before. */
    public Instant dnsVerificationStarted;
    public String payerResponsibility;
    public String clientToken;
    public final List<Permission> permissions = new ArrayList<>();
    public final List<Connection> connections = new ArrayList<>();

    public VpcEndpointService(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpc-endpoint-service";
    }

    /** One allowed principal (ModifyVpcEndpointServicePermissions). */
    public static final class Permission {
        public String id;
        public String principal;
        public String principalType;

        public Permission() {
        }

        public Permission(String id, String principal, String principalType) {
            this.id = id;
            this.principal = principal;
            this.principalType = principalType;
        }
    }

    /** One endpoint connected to the service, kept on the service's side (the endpoint mirrors its state). */
    public static final class Connection {
        public String connectionId;
        public String endpointId;
        public String endpointOwner;
        public String endpointRegion;
        /** {@code pendingAcceptance}, {@code available} or {@code rejected}. */
        public String state;
        public Instant created;
        public String ipAddressType;
        public final List<String> dnsNames = new ArrayList<>();

        public Connection() {
        }
    }
}
