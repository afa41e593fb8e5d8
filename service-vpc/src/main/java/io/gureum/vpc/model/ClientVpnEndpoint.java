package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one Client VPN endpoint ({@code cvpn-endpoint-}) with its target network associations,
 * authorization rules and routes. States follow the clock from the instants kept here.
 */
public final class ClientVpnEndpoint extends Resource {
    public String description;
    public String clientCidrBlock;
    public final List<String> dnsServers = new ArrayList<>();
    public boolean splitTunnel;
    public String transportProtocol = "udp";
    public int vpnPort = 443;
    public String serverCertificateArn;
    public final List<Authentication> authentication = new ArrayList<>();
    public boolean connectionLogEnabled;
    public String connectionLogGroup;
    public String connectionLogStream;
    public boolean connectionLogPolicyContext;
    public final List<String> securityGroupIds = new ArrayList<>();
    public String vpcId;
    public String selfServicePortal = "disabled";
    public boolean clientConnectEnabled;
    public String clientConnectLambdaArn;
    public int sessionTimeoutHours = 24;
    public boolean bannerEnabled;
    public String bannerText;
    public boolean routeEnforcement;
    public boolean disconnectOnSessionTimeout = true;
    public String endpointIpAddressType = "ipv4";
    public String trafficIpAddressType = "ipv4";
    public String clientToken;
    /** The create request's hash (without DryRun), to tell a replay from a reuse of the client token. */
    public int requestHash;
    /** The imported client certificate revocation list (PEM), null when none. */
    public String revocationList;
    public Instant revocationListImported;
    /** When DeleteClientVpnEndpoint was called; null while the endpoint is not being deleted. */
    public Instant deleteRequested;
    /** The authorization policy (Cedar), null when the endpoint has none. */
    public AuthorizationPolicy policy;
    public final List<TargetNetwork> targetNetworks = new ArrayList<>();
    public final List<AuthorizationRule> rules = new ArrayList<>();
    public final List<Route> routes = new ArrayList<>();

    /** The endpoint's one authorization policy (ModifyClientVpnEndpointAuthorizationPolicy). */
    public static final class AuthorizationPolicy {
        public String document;
        public String description;
        public String shadowMode = "disabled";
        public String clientToken;
        /** When it was created ({@code creating} until settled) or last updated ({@code updating}). */
        public Instant changed;
        public boolean updated;
        /** When DeleteClientVpnEndpointAuthorizationPolicy was called, or null. */
        public Instant deleteRequested;
    }

    /** One authentication option as given at creation. */
    public static final class Authentication {
        public String type;
        public String directoryId;
        public String clientRootCertificateChainArn;
        public String samlProviderArn;
        public String selfServiceSamlProviderArn;
    }

    /** A subnet associated with the endpoint ({@code cvpn-assoc-}). */
    public static final class TargetNetwork {
        public String associationId;
        public String subnetId;
        public String vpcId;
        public String availabilityZone;
        public String availabilityZoneId;
        public String clientToken;
        public Instant associated;
        /** When DisassociateClientVpnTargetNetwork was called, or null. */
        public Instant disassociateRequested;
    }

    /** An ingress authorization rule: a destination network opened to one group or to all. */
    public static final class AuthorizationRule {
        public String destinationCidr;
        public String groupId;
        public boolean accessAll;
        public String description;
        public String clientToken;
        public Instant authorized;
        /** When RevokeClientVpnIngress was called, or null. */
        public Instant revokeRequested;
    }

    /** A route of the endpoint's route table. */
    public static final class Route {
        public String destinationCidr;
        public String targetSubnet;
        /** {@code Nat} toward a subnet, {@code Local} for the client CIDR. */
        public String type;
        /** {@code associate} (made by an association) or {@code add-route}. */
        public String origin;
        public String description;
        public String clientToken;
        public Instant created;
        /** When DeleteClientVpnRoute (or the association's end) removed it, or null. */
        public Instant deleteRequested;
    }

    public ClientVpnEndpoint(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "client-vpn-endpoint";
    }
}
