package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.ec2common.Pagination;
import io.gureum.vpc.model.ClientVpnEndpoint;
import io.gureum.vpc.model.ClientVpnEndpoint.Authentication;
import io.gureum.vpc.model.SecurityGroup;
import io.gureum.vpc.model.Vpc;
import io.gureum.vpc.net.Cidr;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.AssociatedTargetNetwork;
import software.amazon.awssdk.services.ec2.model.CertificateAuthentication;
import software.amazon.awssdk.services.ec2.model.ClientCertificateRevocationListStatus;
import software.amazon.awssdk.services.ec2.model.ClientConnectOptions;
import software.amazon.awssdk.services.ec2.model.ClientConnectResponseOptions;
import software.amazon.awssdk.services.ec2.model.ClientLoginBannerOptions;
import software.amazon.awssdk.services.ec2.model.ClientLoginBannerResponseOptions;
import software.amazon.awssdk.services.ec2.model.ClientRouteEnforcementResponseOptions;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthentication;
import software.amazon.awssdk.services.ec2.model.ClientVpnAuthenticationRequest;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpointAttributeStatus;
import software.amazon.awssdk.services.ec2.model.ClientVpnEndpointStatus;
import software.amazon.awssdk.services.ec2.model.ConnectionLogOptions;
import software.amazon.awssdk.services.ec2.model.ConnectionLogResponseOptions;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.CreateClientVpnEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.DeleteClientVpnEndpointResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnEndpointsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeClientVpnEndpointsResponse;
import software.amazon.awssdk.services.ec2.model.DirectoryServiceAuthentication;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientCertificateRevocationListRequest;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientCertificateRevocationListResponse;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientConfigurationRequest;
import software.amazon.awssdk.services.ec2.model.ExportClientVpnClientConfigurationResponse;
import software.amazon.awssdk.services.ec2.model.FederatedAuthentication;
import software.amazon.awssdk.services.ec2.model.ImportClientVpnClientCertificateRevocationListRequest;
import software.amazon.awssdk.services.ec2.model.ImportClientVpnClientCertificateRevocationListResponse;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointRequest;
import software.amazon.awssdk.services.ec2.model.ModifyClientVpnEndpointResponse;
import software.amazon.awssdk.services.ec2.model.TerminateClientVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.TerminateClientVpnConnectionsResponse;

/**
 * AWS Client VPN endpoints (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-endpoints.html):
 * an endpoint is {@code pending-associate} until one of its target networks ({@link ClientVpnTargets}) is
 * associated, then {@code available}; DeleteClientVpnEndpoint makes it {@code deleting} for {@link #TRANSITION},
 * then {@code deleted}, still described for {@link RouteServers#VISIBLE_AFTER_DELETE}. No VPN client ever
 * connects to Gureum, so there are never connections to describe or terminate.
 */
public final class ClientVpnEndpoints {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Set<Integer> PORTS = Set.of(443, 1194);
    private static final Set<Integer> SESSION_HOURS = Set.of(8, 10, 12, 24);
    private static final int MAX_BANNER = 1400;

    private final Network net;
    private final ClientVpnLookups lookups;
    private final Filters<ClientVpnEndpoint> filters = new Filters<ClientVpnEndpoint>()
            .on("endpoint-id", e -> e.id)
            .on("transport-protocol", e -> e.transportProtocol);

    ClientVpnEndpoints(Network net, ClientVpnLookups lookups) {
        this.net = net;
        this.lookups = lookups;
    }

    static AwsException notFound(String id) {
        return new AwsException("InvalidClientVpnEndpointId.NotFound", "The Client VPN endpoint ID '" + id
                + "' does not exist", 400);
    }

    // ---- states on the clock

    String state(ClientVpnEndpoint e) {
        Instant now = net.now();
        if (e.deleteRequested != null) {
            return now.isBefore(e.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        boolean associated = e.targetNetworks.stream().anyMatch(t -> "associated".equals(net.clientVpnTargets
                .associationState(t)));
        return associated ? "available" : "pending-associate";
    }

    /** An endpoint that exists and is not being deleted. */
    ClientVpnEndpoint require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("ClientVpnEndpointId");
        }
        ClientVpnEndpoint e = s.clientVpnEndpoints.get(id);
        if (e == null || e.deleteRequested != null) {
            throw notFound(id);
        }
        return e;
    }

    /** Ends what came due: disassociations, revocations and route deletions, and deleted endpoints. */
    void settle(VpcStore s) {
        if (s.clientVpnEndpoints.isEmpty()) {
            return;
        }
        Instant now = net.now();
        for (ClientVpnEndpoint e : List.copyOf(s.clientVpnEndpoints.values())) {
            net.clientVpnTargets.settle(e, now);
            if (e.policy != null && e.policy.deleteRequested != null && !now.isBefore(e.policy.deleteRequested.plus(
                    TRANSITION))) {
                e.policy = null;
            }
            if (e.deleteRequested != null && state(e).equals("deleted")) {
                RouteServers.forgetWhenDue(s, s.clientVpnEndpoints, e, e.deleteRequested, now);
            }
        }
    }

    /** Whether a live endpoint applies the security group (DeleteSecurityGroup is then a DependencyViolation). */
    boolean usesSecurityGroup(VpcStore s, String groupId) {
        return s.clientVpnEndpoints.values().stream().anyMatch(e -> e.deleteRequested == null
                && !e.targetNetworks.isEmpty() && e.securityGroupIds.contains(groupId));
    }

    // ---- validation shared by create and modify

    private static void checkPort(Integer port) {
        if (port != null && !PORTS.contains(port)) {
            throw Ec2Errors.invalidValue(String.valueOf(port), "VpnPort", "Valid values are 443 and 1194.");
        }
    }

    private static void checkSessionHours(Integer hours) {
        if (hours != null && !SESSION_HOURS.contains(hours)) {
            throw Ec2Errors.invalidValue(String.valueOf(hours), "SessionTimeoutHours", "Valid values are 8, 10, "
                    + "12 and 24.");
        }
    }

    private static void checkDnsServers(List<String> servers) {
        if (servers.size() > 2) {
            throw Ec2Errors.invalidParameterValue("You can specify up to two DNS servers.");
        }
        for (String d : servers) {
            try {
                Cidr.parseAddress(d);
            } catch (IllegalArgumentException x) {
                throw Ec2Errors.invalidValue(d, "DnsServers", "This is not a valid IPv4 address.");
            }
        }
    }

    private static void checkBanner(ClientLoginBannerOptions banner) {
        if (banner == null || !Boolean.TRUE.equals(banner.enabled())) {
            return;
        }
        if (banner.bannerText() == null || banner.bannerText().isEmpty()) {
            throw Ec2Errors.missing("ClientLoginBannerOptions.BannerText");
        }
        if (banner.bannerText().length() > MAX_BANNER) {
            throw Ec2Errors.invalidParameterValue("The banner text must be at most " + MAX_BANNER
                    + " UTF-8 characters.");
        }
    }

    private void checkConnectionLog(VpcStore s, ConnectionLogOptions log) {
        if (log != null && Boolean.TRUE.equals(log.enabled())) {
            lookups.requireLogDestination(s, log.cloudwatchLogGroup(), log.cloudwatchLogStream());
        }
    }

    private void checkConnect(VpcStore s, ClientConnectOptions connect) {
        if (connect != null && Boolean.TRUE.equals(connect.enabled())) {
            lookups.requireConnectHandler(s, connect.lambdaFunctionArn());
        }
    }

    /** The client CIDR must leave the VPC's blocks alone (and the routes added by hand, checked there). */
    static void checkNoOverlap(Cidr client, Vpc vpc) {
        for (var block : vpc.cidrs) {
            if ("associated".equals(block.state) && block.cidr.overlaps(client)) {
                throw Ec2Errors.invalidParameterValue("The client CIDR " + client + " overlaps the CIDR " + block.cidr
                        + " of " + vpc.id + ".");
            }
        }
    }

    /** The security groups of a VPC, or its default group when none is named. */
    private List<String> groups(VpcStore s, Vpc vpc, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of(vpc.defaultSecurityGroupId);
        }
        if (ids.size() > 5) {
            throw Ec2Errors.invalidParameterValue("You can apply up to five security groups.");
        }
        for (String id : ids) {
            SecurityGroup g = net.securityGroups.require(s, id);
            if (!vpc.id.equals(g.vpcId)) {
                throw Ec2Errors.invalidParameterValue("The security group " + id + " does not belong to " + vpc.id
                        + ".");
            }
        }
        return List.copyOf(new LinkedHashSet<>(ids));
    }

    /** SecurityGroupIds with VpcId: validated groups of that VPC (ApplySecurityGroupsToClientVpnTargetNetwork too). */
    List<String> securityGroupsOf(VpcStore s, String vpcId, List<String> ids) {
        return groups(s, net.vpcs.require(s, vpcId), ids);
    }

    private List<Authentication> authentication(VpcStore s, List<ClientVpnAuthenticationRequest> requests) {
        if (requests.isEmpty()) {
            throw Ec2Errors.missing("Authentication");
        }
        if (requests.size() > 2) {
            throw Ec2Errors.invalidParameterValue("You can specify up to two authentication options.");
        }
        List<Authentication> out = new ArrayList<>();
        Set<String> types = new LinkedHashSet<>();
        for (ClientVpnAuthenticationRequest q : requests) {
            String type = q.typeAsString();
            if (type == null) {
                throw Ec2Errors.missing("Authentication.Type");
            }
            if (!types.add(type)) {
                throw Ec2Errors.combination("The authentication type " + type + " is given twice.");
            }
            Authentication a = new Authentication();
            a.type = type;
            switch (type) {
                case "certificate-authentication" -> {
                    String arn = q.mutualAuthentication() == null ? null
                            : q.mutualAuthentication().clientRootCertificateChainArn();
                    lookups.requireCertificate(s, arn, "MutualAuthentication.ClientRootCertificateChainArn");
                    a.clientRootCertificateChainArn = arn;
                }
                case "federated-authentication" -> {
                    String arn = q.federatedAuthentication() == null ? null
                            : q.federatedAuthentication().samlProviderArn();
                    lookups.requireSamlProvider(s, arn, "FederatedAuthentication.SAMLProviderArn");
                    a.samlProviderArn = arn;
                    String self = q.federatedAuthentication().selfServiceSAMLProviderArn();
                    if (self != null) {
                        lookups.requireSamlProvider(s, self, "FederatedAuthentication.SelfServiceSAMLProviderArn");
                        a.selfServiceSamlProviderArn = self;
                    }
                }
                case "directory-service-authentication" ->
                    // AWS Directory Service is not emulated: no directory can be read or exist here.
                    throw new AwsException("NotImplemented", "directory-service-authentication needs AWS Directory "
                            + "Service, which Gureum does not emulate.", 501, false);
                default -> throw Ec2Errors.invalidValue(type, "Authentication.Type", "Valid values are "
                        + "certificate-authentication, directory-service-authentication and federated-authentication.");
            }
            out.add(a);
        }
        // AWS allows mutual authentication alone or with one user-based method, never both user-based methods.
        if (types.contains("federated-authentication") && types.contains("directory-service-authentication")) {
            throw Ec2Errors.combination("Active Directory and federated authentication cannot be combined.");
        }
        return out;
    }

    // ---- operations

    public CreateClientVpnEndpointResponse createClientVpnEndpoint(CreateClientVpnEndpointRequest r) {
        VpcStore s = net.store();
        if (r.clientToken() != null) {
            int hash = r.toBuilder().dryRun(null).build().hashCode();
            for (ClientVpnEndpoint e : s.clientVpnEndpoints.values()) {
                if (r.clientToken().equals(e.clientToken)) {
                    if (e.requestHash != hash) {
                        throw Ec2Error.IDEMPOTENT_PARAMETER_MISMATCH.withMessage("The client token " + r.clientToken()
                                + " was used with different parameters.");
                    }
                    Ec2Errors.checkDryRun(r.dryRun());
                    return created(e);
                }
            }
        }
        if (r.transitGatewayConfiguration() != null) {
            throw new AwsException("NotImplemented", "TransitGatewayConfiguration: Client VPN endpoints attached to "
                    + "a transit gateway are not emulated.", 501, false);
        }
        String traffic = r.trafficIpAddressTypeAsString() == null ? "ipv4" : r.trafficIpAddressTypeAsString();
        Cidr client = null;
        if (r.clientCidrBlock() == null) {
            if (!traffic.equals("ipv6")) {
                throw Ec2Errors.missing("ClientCidrBlock");
            }
        } else {
            if (traffic.equals("ipv6")) {
                throw Ec2Errors.combination("ClientCidrBlock cannot be given when TrafficIpAddressType is ipv6.");
            }
            client = Cidr.tryParse(r.clientCidrBlock());
            if (client == null) {
                throw Ec2Errors.invalidValue(r.clientCidrBlock(), "ClientCidrBlock", "This is not a valid CIDR block.");
            }
            if (client.prefix() < 12 || client.prefix() > 22) {
                throw Ec2Errors.invalidParameterValue("Client CIDR range must have a size of at least /22 and must "
                        + "not be greater than /12.");
            }
        }
        if (r.connectionLogOptions() == null || r.connectionLogOptions().enabled() == null) {
            throw Ec2Errors.missing("ConnectionLogOptions.Enabled");
        }
        checkPort(r.vpnPort());
        checkSessionHours(r.sessionTimeoutHours());
        checkDnsServers(r.hasDnsServers() ? r.dnsServers() : List.of());
        checkBanner(r.clientLoginBannerOptions());
        List<String> sgIds = r.hasSecurityGroupIds() ? r.securityGroupIds() : List.of();
        List<String> groups = List.of();
        Vpc vpc = null;
        if (r.vpcId() != null) {
            vpc = net.vpcs.require(s, r.vpcId());
            groups = groups(s, vpc, sgIds);
            if (client != null) {
                checkNoOverlap(client, vpc);
            }
        } else if (!sgIds.isEmpty()) {
            throw Ec2Errors.combination("SecurityGroupIds needs the VpcId of the VPC the groups belong to.");
        }
        Tags.validate(r.tagSpecifications(), "client-vpn-endpoint");
        lookups.requireCertificate(s, r.serverCertificateArn(), "ServerCertificateArn");
        List<Authentication> auth = authentication(s, r.hasAuthenticationOptions() ? r.authenticationOptions()
                : List.of());
        boolean federated = auth.stream().anyMatch(a -> a.type.equals("federated-authentication"));
        if ("enabled".equals(r.selfServicePortalAsString()) && !federated) {
            throw Ec2Errors.combination("The self-service portal needs federated authentication.");
        }
        checkConnectionLog(s, r.connectionLogOptions());
        checkConnect(s, r.clientConnectOptions());
        Ec2Errors.checkDryRun(r.dryRun());

        ClientVpnEndpoint e = new ClientVpnEndpoint(net.id("cvpn-endpoint"), s.account, net.now());
        e.description = r.description();
        e.clientCidrBlock = client == null ? null : client.toString();
        if (r.hasDnsServers()) {
            e.dnsServers.addAll(r.dnsServers());
        }
        e.splitTunnel = Boolean.TRUE.equals(r.splitTunnel());
        if (r.transportProtocolAsString() != null) {
            e.transportProtocol = r.transportProtocolAsString();
        }
        if (r.vpnPort() != null) {
            e.vpnPort = r.vpnPort();
        }
        e.serverCertificateArn = r.serverCertificateArn();
        e.authentication.addAll(auth);
        applyConnectionLog(e, r.connectionLogOptions());
        e.vpcId = vpc == null ? null : vpc.id;
        e.securityGroupIds.addAll(groups);
        if (r.selfServicePortalAsString() != null) {
            e.selfServicePortal = r.selfServicePortalAsString();
        }
        applyConnect(e, r.clientConnectOptions());
        if (r.sessionTimeoutHours() != null) {
            e.sessionTimeoutHours = r.sessionTimeoutHours();
        }
        applyBanner(e, r.clientLoginBannerOptions());
        if (r.clientRouteEnforcementOptions() != null) {
            e.routeEnforcement = Boolean.TRUE.equals(r.clientRouteEnforcementOptions().enforced());
        }
        if (r.disconnectOnSessionTimeout() != null) {
            e.disconnectOnSessionTimeout = r.disconnectOnSessionTimeout();
        }
        if (r.endpointIpAddressTypeAsString() != null) {
            e.endpointIpAddressType = r.endpointIpAddressTypeAsString();
        }
        e.trafficIpAddressType = traffic;
        e.clientToken = r.clientToken();
        e.requestHash = r.clientToken() == null ? 0 : r.toBuilder().dryRun(null).build().hashCode();
        Tags.apply(r.tagSpecifications(), e);
        s.put(s.clientVpnEndpoints, e);
        lookups.markInUse(s, e);
        return created(e);
    }

    private CreateClientVpnEndpointResponse created(ClientVpnEndpoint e) {
        return CreateClientVpnEndpointResponse.builder().clientVpnEndpointId(e.id).dnsName(dnsName(e))
                .status(status(e)).build();
    }

    private static void applyConnectionLog(ClientVpnEndpoint e, ConnectionLogOptions log) {
        e.connectionLogEnabled = Boolean.TRUE.equals(log.enabled());
        e.connectionLogGroup = e.connectionLogEnabled ? log.cloudwatchLogGroup() : null;
        e.connectionLogStream = e.connectionLogEnabled ? log.cloudwatchLogStream() : null;
        e.connectionLogPolicyContext = Boolean.TRUE.equals(log.includeAuthorizationPolicyContext());
    }

    private static void applyConnect(ClientVpnEndpoint e, ClientConnectOptions connect) {
        if (connect != null) {
            e.clientConnectEnabled = Boolean.TRUE.equals(connect.enabled());
            e.clientConnectLambdaArn = e.clientConnectEnabled ? connect.lambdaFunctionArn() : null;
        }
    }

    private static void applyBanner(ClientVpnEndpoint e, ClientLoginBannerOptions banner) {
        if (banner != null) {
            e.bannerEnabled = Boolean.TRUE.equals(banner.enabled());
            e.bannerText = e.bannerEnabled ? banner.bannerText() : null;
        }
    }

    String dnsName(ClientVpnEndpoint e) {
        VpcStore s = net.store();
        return "*." + e.id + ".prod.clientvpn." + s.region + ".amazonaws.com";
    }

    private ClientVpnEndpointStatus status(ClientVpnEndpoint e) {
        return ClientVpnEndpointStatus.builder().code(state(e)).build();
    }

    public DescribeClientVpnEndpointsResponse describeClientVpnEndpoints(DescribeClientVpnEndpointsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<ClientVpnEndpoint> found = Selected.byIds(s.clientVpnEndpoints, r.clientVpnEndpointIds(), id -> notFound(id));
        var page = Pagination.page(found.stream().filter(filters.predicate(r.filters())).toList(), r.maxResults(),
                r.nextToken(), 5, 1000);
        return DescribeClientVpnEndpointsResponse.builder().clientVpnEndpoints(page.items().stream().map(this::toSdk)
                .toList()).nextToken(page.nextToken()).build();
    }

    public ModifyClientVpnEndpointResponse modifyClientVpnEndpoint(ModifyClientVpnEndpointRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = require(s, r.clientVpnEndpointId());
        if (r.transitGatewayConfiguration() != null) {
            throw new AwsException("NotImplemented", "TransitGatewayConfiguration: Client VPN endpoints attached to "
                    + "a transit gateway are not emulated.", 501, false);
        }
        checkPort(r.vpnPort());
        checkSessionHours(r.sessionTimeoutHours());
        if (r.dnsServers() != null && r.dnsServers().hasCustomDnsServers()) {
            checkDnsServers(r.dnsServers().customDnsServers());
        }
        checkBanner(r.clientLoginBannerOptions());
        List<String> sgIds = r.hasSecurityGroupIds() ? r.securityGroupIds() : null;
        List<String> groups = null;
        if (r.vpcId() != null && !r.vpcId().equals(e.vpcId)) {
            if (e.targetNetworks.stream().anyMatch(t -> t.disassociateRequested == null)) {
                throw Ec2Errors.invalidParameterValue("The VPC of " + e.id + " cannot change while target networks "
                        + "are associated.");
            }
            Vpc vpc = net.vpcs.require(s, r.vpcId());
            if (e.clientCidrBlock != null) {
                checkNoOverlap(Cidr.parse(e.clientCidrBlock), vpc);
            }
            groups = groups(s, vpc, sgIds == null ? List.of() : sgIds);
        } else if (sgIds != null) {
            if (e.vpcId == null) {
                throw Ec2Errors.combination("SecurityGroupIds needs the VpcId of the VPC the groups belong to.");
            }
            groups = groups(s, net.vpcs.require(s, e.vpcId), sgIds);
        }
        if (r.serverCertificateArn() != null) {
            lookups.requireCertificate(s, r.serverCertificateArn(), "ServerCertificateArn");
        }
        String portal = r.selfServicePortalAsString();
        if ("enabled".equals(portal) && e.authentication.stream().noneMatch(a -> a.type.equals(
                "federated-authentication"))) {
            throw Ec2Errors.combination("The self-service portal needs federated authentication.");
        }
        checkConnectionLog(s, r.connectionLogOptions());
        checkConnect(s, r.clientConnectOptions());
        Ec2Errors.checkDryRun(r.dryRun());

        if (r.serverCertificateArn() != null && !r.serverCertificateArn().equals(e.serverCertificateArn)) {
            lookups.release(s, e);
            e.serverCertificateArn = r.serverCertificateArn();
            lookups.markInUse(s, e);
        }
        if (r.connectionLogOptions() != null) {
            applyConnectionLog(e, r.connectionLogOptions());
        }
        if (r.dnsServers() != null) {
            e.dnsServers.clear();
            if (!Boolean.FALSE.equals(r.dnsServers().enabled()) && r.dnsServers().hasCustomDnsServers()) {
                e.dnsServers.addAll(r.dnsServers().customDnsServers());
            }
        }
        if (r.vpnPort() != null) {
            e.vpnPort = r.vpnPort();
        }
        if (r.description() != null) {
            e.description = r.description();
        }
        if (r.splitTunnel() != null) {
            e.splitTunnel = r.splitTunnel();
        }
        if (groups != null) {
            if (r.vpcId() != null) {
                e.vpcId = r.vpcId();
            }
            e.securityGroupIds.clear();
            e.securityGroupIds.addAll(groups);
        }
        if (portal != null) {
            e.selfServicePortal = portal;
        }
        applyConnect(e, r.clientConnectOptions());
        if (r.sessionTimeoutHours() != null) {
            e.sessionTimeoutHours = r.sessionTimeoutHours();
        }
        applyBanner(e, r.clientLoginBannerOptions());
        if (r.clientRouteEnforcementOptions() != null) {
            e.routeEnforcement = Boolean.TRUE.equals(r.clientRouteEnforcementOptions().enforced());
        }
        if (r.disconnectOnSessionTimeout() != null) {
            e.disconnectOnSessionTimeout = r.disconnectOnSessionTimeout();
        }
        return ModifyClientVpnEndpointResponse.builder().returnValue(true).build();
    }

    /** DeleteClientVpnEndpoint: AWS requires every target network to be disassociated first. */
    public DeleteClientVpnEndpointResponse deleteClientVpnEndpoint(DeleteClientVpnEndpointRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = require(s, r.clientVpnEndpointId());
        if (!e.targetNetworks.isEmpty()) {
            throw new AwsException("ClientVpnEndpointAssociationExists", "To delete the Client VPN endpoint "
                    + e.id + ", you must first delete all of its target network associations.", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.deleteRequested = net.now();
        lookups.release(s, e);
        return DeleteClientVpnEndpointResponse.builder().status(status(e)).build();
    }

    // ---- connections: none ever (no VPN client reaches Gureum)

    public DescribeClientVpnConnectionsResponse describeClientVpnConnections(DescribeClientVpnConnectionsRequest r) {
        VpcStore s = net.store();
        require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        Pagination.page(List.of(), r.maxResults(), r.nextToken(), 5, 1000);
        return DescribeClientVpnConnectionsResponse.builder().connections(List.of()).build();
    }

    public TerminateClientVpnConnectionsResponse terminateClientVpnConnections(TerminateClientVpnConnectionsRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = require(s, r.clientVpnEndpointId());
        if (r.connectionId() == null && r.username() == null) {
            throw Ec2Errors.missing("ConnectionId");
        }
        if (r.connectionId() != null && r.username() != null) {
            throw Ec2Errors.combination("Specify either ConnectionId or Username, not both.");
        }
        if (r.connectionId() != null) {
            throw new AwsException("InvalidClientVpnConnection.IdNotFound", "The connection ID '" + r.connectionId()
                    + "' does not exist", 400);
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return TerminateClientVpnConnectionsResponse.builder().clientVpnEndpointId(e.id).username(r.username())
                .connectionStatuses(List.of()).build();
    }

    // ---- certificate revocation list

    public ImportClientVpnClientCertificateRevocationListResponse importClientVpnClientCertificateRevocationList(
            ImportClientVpnClientCertificateRevocationListRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = require(s, r.clientVpnEndpointId());
        String pem = r.certificateRevocationList();
        if (pem == null || pem.isBlank()) {
            throw Ec2Errors.missing("CertificateRevocationList");
        }
        if (!pem.contains("-----BEGIN X509 CRL-----")) {
            throw Ec2Errors.invalidParameterValue("The certificate revocation list is not a PEM-encoded X.509 CRL.");
        }
        try {
            var crls = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(pem.getBytes(
                    StandardCharsets.US_ASCII)));
            if (crls.isEmpty()) {
                throw Ec2Errors.invalidParameterValue("The certificate revocation list is not a PEM-encoded X.509 "
                        + "CRL.");
            }
        } catch (CRLException | CertificateException x) {
            throw Ec2Errors.invalidParameterValue("The certificate revocation list is not a valid X.509 CRL.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        e.revocationList = pem;
        e.revocationListImported = net.now();
        return ImportClientVpnClientCertificateRevocationListResponse.builder().returnValue(true).build();
    }

    public ExportClientVpnClientCertificateRevocationListResponse exportClientVpnClientCertificateRevocationList(
            ExportClientVpnClientCertificateRevocationListRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        var out = ExportClientVpnClientCertificateRevocationListResponse.builder();
        if (e.revocationList != null) {
            String code = net.now().isBefore(e.revocationListImported.plus(TRANSITION)) ? "pending" : "active";
            out.certificateRevocationList(e.revocationList)
                    .status(ClientCertificateRevocationListStatus.builder().code(code).build());
        }
        return out.build();
    }

    // ---- client configuration

    /**
     * The OpenVPN configuration file AWS exports (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/cvpn-working-endpoint-export.html):
     * the endpoint's DNS name and port, its transport, and the server certificate's CA chain; federated
     * authentication adds the {@code auth-federate} lines the AWS-provided client reads.
     */
    public ExportClientVpnClientConfigurationResponse exportClientVpnClientConfiguration(
            ExportClientVpnClientConfigurationRequest r) {
        VpcStore s = net.store();
        ClientVpnEndpoint e = require(s, r.clientVpnEndpointId());
        Ec2Errors.checkDryRun(r.dryRun());
        String ca = lookups.caChain(s, e.serverCertificateArn).strip();
        StringBuilder b = new StringBuilder();
        b.append("client\n");
        b.append("dev tun\n");
        b.append("proto ").append(e.transportProtocol).append('\n');
        b.append("remote ").append(e.id).append(".prod.clientvpn.").append(s.region).append(".amazonaws.com ")
                .append(e.vpnPort).append('\n');
        b.append("remote-random-hostname\n");
        b.append("resolv-retry infinite\n");
        b.append("nobind\n");
        b.append("remote-cert-tls server\n");
        b.append("cipher AES-256-GCM\n");
        b.append("verb 3\n");
        b.append("<ca>\n").append(ca).append("\n\n</ca>\n\n\n");
        if (e.authentication.stream().anyMatch(a -> a.type.equals("federated-authentication"))) {
            b.append("auth-user-pass\n");
            b.append("auth-federate\n");
            b.append("auth-retry interact\n");
            b.append("auth-nocache\n");
        }
        b.append("reneg-sec 0\n");
        return ExportClientVpnClientConfigurationResponse.builder().clientConfiguration(b.toString()).build();
    }

    // ---- wire

    software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint toSdk(ClientVpnEndpoint e) {
        var b = software.amazon.awssdk.services.ec2.model.ClientVpnEndpoint.builder()
                .clientVpnEndpointId(e.id)
                .description(e.description)
                .status(status(e))
                .creationTime(TIME.format(e.created))
                .dnsName(dnsName(e))
                .clientCidrBlock(e.clientCidrBlock)
                .dnsServers(e.dnsServers)
                .splitTunnel(e.splitTunnel)
                .vpnProtocol("openvpn")
                .transportProtocol(e.transportProtocol)
                .vpnPort(e.vpnPort)
                .serverCertificateArn(e.serverCertificateArn)
                .authenticationOptions(e.authentication.stream().map(ClientVpnEndpoints::toSdk).toList())
                .connectionLogOptions(ConnectionLogResponseOptions.builder().enabled(e.connectionLogEnabled)
                        .cloudwatchLogGroup(e.connectionLogGroup).cloudwatchLogStream(e.connectionLogStream)
                        .includeAuthorizationPolicyContext(e.connectionLogPolicyContext ? true : null).build())
                .tags(Tags.toSdk(e.tags))
                .securityGroupIds(e.securityGroupIds)
                .vpcId(e.vpcId)
                .clientConnectOptions(ClientConnectResponseOptions.builder().enabled(e.clientConnectEnabled)
                        .lambdaFunctionArn(e.clientConnectLambdaArn).status(ClientVpnEndpointAttributeStatus.builder()
                                .code("applied").build()).build())
                .sessionTimeoutHours(e.sessionTimeoutHours)
                .clientLoginBannerOptions(ClientLoginBannerResponseOptions.builder().enabled(e.bannerEnabled)
                        .bannerText(e.bannerText).build())
                .clientRouteEnforcementOptions(ClientRouteEnforcementResponseOptions.builder()
                        .enforced(e.routeEnforcement).build())
                .disconnectOnSessionTimeout(e.disconnectOnSessionTimeout)
                .endpointIpAddressType(e.endpointIpAddressType)
                .trafficIpAddressType(e.trafficIpAddressType);
        if (e.deleteRequested != null) {
            b.deletionTime(TIME.format(e.deleteRequested));
        }
        if ("enabled".equals(e.selfServicePortal)) {
            b.selfServicePortalUrl("https://self-service.clientvpn.amazonaws.com/endpoints/" + e.id);
        }
        List<AssociatedTargetNetwork> networks = e.targetNetworks.stream().filter(t -> t.disassociateRequested == null)
                .map(t -> AssociatedTargetNetwork.builder().networkId(t.subnetId).networkType("vpc").build()).toList();
        b.associatedTargetNetworks(networks);
        return b.build();
    }

    private static ClientVpnAuthentication toSdk(Authentication a) {
        var b = ClientVpnAuthentication.builder().type(a.type);
        if (a.clientRootCertificateChainArn != null) {
            b.mutualAuthentication(CertificateAuthentication.builder().clientRootCertificateChain(
                    a.clientRootCertificateChainArn).build());
        }
        if (a.samlProviderArn != null) {
            b.federatedAuthentication(FederatedAuthentication.builder().samlProviderArn(a.samlProviderArn)
                    .selfServiceSamlProviderArn(a.selfServiceSamlProviderArn).build());
        }
        if (a.directoryId != null) {
            b.activeDirectory(DirectoryServiceAuthentication.builder().directoryId(a.directoryId).build());
        }
        return b.build();
    }
}
