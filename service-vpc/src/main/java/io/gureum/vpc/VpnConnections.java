package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.ec2common.Ec2Error;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.CustomerGateway;
import io.gureum.vpc.model.TransitGatewayAttachment;
import io.gureum.vpc.model.VpnConnection;
import io.gureum.vpc.model.VpnGateway;
import io.gureum.vpc.net.Cidr;
import io.gureum.vpc.net.Ipv6;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRouteRequest;
import software.amazon.awssdk.services.ec2.model.CreateVpnConnectionRouteResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRouteRequest;
import software.amazon.awssdk.services.ec2.model.DeleteVpnConnectionRouteResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConnectionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpnConnectionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnConnectionResponse;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsRequest;
import software.amazon.awssdk.services.ec2.model.ModifyVpnTunnelOptionsResponse;
import software.amazon.awssdk.services.ec2.model.TunnelOption;
import software.amazon.awssdk.services.ec2.model.VgwTelemetry;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptions;
import software.amazon.awssdk.services.ec2.model.VpnConnectionOptionsSpecification;
import software.amazon.awssdk.services.ec2.model.VpnStaticRoute;
import software.amazon.awssdk.services.ec2.model.VpnTunnelOptionsSpecification;

/**
 * Site-to-Site VPN connections (https://docs.aws.amazon.com/vpn/latest/s2svpn/how_it_works.html): a customer
 * gateway joined to a virtual private gateway or a transit gateway (which gets an attachment of resource type
 * {@code vpn}), with two tunnels whose outside addresses come from the region's public pool and whose inside
 * CIDRs and pre-shared keys follow the API reference's rules. The state follows the clock: {@code pending} for
 * {@link #TRANSITION}, then {@code available}; after DeleteVpnConnection {@code deleting} for {@link #TRANSITION},
 * then {@code deleted}, still described for {@link #VISIBLE_AFTER_DELETE}. No IKE peer ever answers, so both
 * tunnels are always {@code DOWN} in {@code VgwTelemetry}. Static routes of an available connection appear as
 * propagated routes in the route tables its virtual private gateway propagates to.
 */
public final class VpnConnections {
    static final Duration TRANSITION = Duration.ofSeconds(2);
    static final Duration VISIBLE_AFTER_DELETE = Duration.ofHours(1);
    private final Network net;
    private final Filters<VpnConnection> filters;

    VpnConnections(Network net) {
        this.net = net;
        this.filters = new Filters<VpnConnection>()
                .on("vpn-connection-id", c -> c.id)
                .on("customer-gateway-id", c -> c.customerGatewayId)
                .on("customer-gateway-configuration", this::configurationOrNull)
                .on("state", this::state)
                .on("option.static-routes-only", c -> c.staticRoutesOnly)
                .on("route.destination-cidr-block", c -> c.routes.stream().map(x -> x.destinationCidrBlock).toList())
                .on("bgp-asn", c -> {
                    CustomerGateway g = net.store().customerGateways.get(c.customerGatewayId);
                    return g == null ? null : g.bgpAsn;
                })
                .on("type", c -> c.type)
                .on("vpn-gateway-id", c -> c.vpnGatewayId)
                .on("transit-gateway-id", c -> c.transitGatewayId);
    }

    /** AWS's error for a VPN connection ID that does not exist. */
    static AwsException notFound(String id) {
        return new AwsException("InvalidVpnConnectionID.NotFound", "The vpnConnection ID '" + id + "' does not exist",
                400);
    }

    /** The state at the clock's current time. */
    String state(VpnConnection c) {
        Instant now = net.now();
        if (c.deleteRequested != null) {
            return now.isBefore(c.deleteRequested.plus(TRANSITION)) ? "deleting" : "deleted";
        }
        return now.isBefore(c.created.plus(TRANSITION)) ? "pending" : "available";
    }

    /** A static route's state: {@code pending} for {@link #TRANSITION} after it was added, then {@code available}. */
    String routeState(VpnConnection.StaticRoute r) {
        return net.now().isBefore(r.created.plus(TRANSITION)) ? "pending" : "available";
    }

    /** A connection the caller may use: one that exists and is not deleted. */
    VpnConnection require(VpcStore s, String id) {
        if (id == null) {
            throw Ec2Errors.missing("VpnConnectionId");
        }
        VpnConnection c = s.vpnConnections.get(id);
        if (c == null || state(c).equals("deleted")) {
            throw notFound(id);
        }
        return c;
    }

    private VpnConnection requireLive(VpcStore s, String id) {
        VpnConnection c = require(s, id);
        if (c.deleteRequested != null) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The vpn connection " + id + " is in state deleting.");
        }
        return c;
    }

    /** Whether a connection not yet deleted uses the customer gateway or the virtual private gateway. */
    boolean uses(VpcStore s, String gatewayId) {
        return s.vpnConnections.values().stream().anyMatch(c -> !state(c).equals("deleted")
                && (gatewayId.equals(c.customerGatewayId) || gatewayId.equals(c.vpnGatewayId)));
    }

    /** Deleted connections release their tunnel addresses, leave the registry, and the store an hour later. */
    void settle(VpcStore s) {
        if (s.vpnConnections.isEmpty()) {
            return;
        }
        for (VpnConnection c : List.copyOf(s.vpnConnections.values())) {
            if (c.deleteRequested == null || !state(c).equals("deleted")) {
                continue;
            }
            if (s.registered(c)) {
                s.forget(c);
                c.tunnels.forEach(t -> net.publicIps.release(s.region, t.outsideIpAddress()));
            }
            if (!net.now().isBefore(c.deleteRequested.plus(TRANSITION).plus(VISIBLE_AFTER_DELETE))) {
                s.remove(s.vpnConnections, c.id);
            }
        }
    }

    /** The static routes of the available connections of a virtual private gateway (for route propagation). */
    List<String> propagatedRoutes(VpcStore s, String vpnGatewayId) {
        List<String> out = new ArrayList<>();
        for (VpnConnection c : s.vpnConnections.values()) {
            if (vpnGatewayId.equals(c.vpnGatewayId) && state(c).equals("available")) {
                c.routes.stream().filter(r -> routeState(r).equals("available"))
                        .forEach(r -> out.add(r.destinationCidrBlock));
            }
        }
        return out;
    }

    public CreateVpnConnectionResponse createVpnConnection(CreateVpnConnectionRequest r) {
        VpcStore s = net.store();
        if (r.type() == null) {
            throw Ec2Errors.missing("Type");
        }
        if (!"ipsec.1".equals(r.type())) {
            throw Ec2Errors.invalidValue(r.type(), "type", "Valid values are ipsec.1.");
        }
        CustomerGateway cgw = requireCustomerGateway(s, r.customerGatewayId());
        if (r.vpnGatewayId() != null && r.transitGatewayId() != null) {
            throw Ec2Errors.combination("The parameters VpnGatewayId and TransitGatewayId cannot be specified "
                    + "together.");
        }
        io.gureum.vpc.model.VpnConcentrator concentrator = null;
        if (r.vpnConcentratorId() != null) {
            // A connection on a concentrator names it instead of the transit gateway
            // (https://docs.aws.amazon.com/vpn/latest/s2svpn/create-vpn-concentrator-connection.html).
            if (r.vpnGatewayId() != null || r.transitGatewayId() != null) {
                throw Ec2Errors.combination("The parameter VpnConcentratorId cannot be used with the parameter "
                        + (r.vpnGatewayId() != null ? "VpnGatewayId" : "TransitGatewayId") + ".");
            }
            concentrator = net.vpnConcentrators.requireAvailable(s, r.vpnConcentratorId());
            if (r.options() != null && Boolean.TRUE.equals(r.options().staticRoutesOnly())) {
                throw Ec2Errors.invalidParameterValue("VPN connections on a VPN concentrator use BGP: "
                        + "StaticRoutesOnly cannot be true.");
            }
        } else if (r.vpnGatewayId() == null && r.transitGatewayId() == null) {
            throw Ec2Errors.missing("VpnGatewayId or TransitGatewayId");
        }
        String targetTgw = concentrator != null ? concentrator.transitGatewayId : r.transitGatewayId();
        if (r.preSharedKeyStorage() != null && !r.preSharedKeyStorage().equals("Standard")) {
            if (r.preSharedKeyStorage().equals("SecretsManager")) {
                throw notEmulated("pre-shared keys stored in Secrets Manager (PreSharedKeyStorage SecretsManager)");
            }
            throw Ec2Errors.invalidValue(r.preSharedKeyStorage(), "PreSharedKeyStorage",
                    "Valid values are Standard | SecretsManager.");
        }
        String vgwId = null;
        if (r.vpnGatewayId() != null) {
            vgwId = requireVpnGateway(s, r.vpnGatewayId()).id;
        } else {
            net.transitGateways.requireGateway(s, targetTgw);
        }
        boolean tgw = targetTgw != null;
        VpnConnectionOptionsSpecification o = r.options() == null ? VpnConnectionOptionsSpecification.builder().build()
                : r.options();
        boolean ipv6 = "ipv6".equals(o.tunnelInsideIpVersionAsString());
        if (o.tunnelInsideIpVersionAsString() != null && !ipv6 && !"ipv4".equals(o.tunnelInsideIpVersionAsString())) {
            throw Ec2Errors.invalidValue(o.tunnelInsideIpVersionAsString(), "TunnelInsideIpVersion",
                    "Valid values are ipv4 | ipv6.");
        }
        checkTarget(tgw, ipv6, Boolean.TRUE.equals(o.enableAcceleration()), o.tunnelBandwidthAsString());
        String outsideType = o.outsideIpAddressType() == null ? "PublicIpv4" : o.outsideIpAddressType();
        if (outsideType.equals("PrivateIpv4") || outsideType.equals("Ipv6")) {
            throw notEmulated("OutsideIpAddressType " + outsideType + " (private IP VPN over Direct Connect, IPv6 "
                    + "outside addresses)");
        }
        if (!outsideType.equals("PublicIpv4")) {
            throw Ec2Errors.invalidValue(outsideType, "OutsideIpAddressType",
                    "Valid values are PrivateIpv4 | PublicIpv4 | Ipv6.");
        }
        if (o.transportTransitGatewayAttachmentId() != null) {
            throw Ec2Errors.invalidParameterValue("TransportTransitGatewayAttachmentId can only be specified when "
                    + "OutsideIpAddressType is PrivateIpv4.");
        }
        String localV4 = ipv4Cidr(o.localIpv4NetworkCidr(), "LocalIpv4NetworkCidr");
        String remoteV4 = ipv4Cidr(o.remoteIpv4NetworkCidr(), "RemoteIpv4NetworkCidr");
        String localV6 = ipv6Cidr(o.localIpv6NetworkCidr(), "LocalIpv6NetworkCidr");
        String remoteV6 = ipv6Cidr(o.remoteIpv6NetworkCidr(), "RemoteIpv6NetworkCidr");
        if (!ipv6 && (localV6 != null || remoteV6 != null)) {
            throw Ec2Errors.invalidParameterValue("IPv6 network CIDRs can only be specified for a VPN connection "
                    + "with tunnel inside IP version ipv6.");
        }
        if (ipv6 && (localV4 != null || remoteV4 != null)) {
            throw Ec2Errors.invalidParameterValue("IPv4 network CIDRs can only be specified for a VPN connection "
                    + "with tunnel inside IP version ipv4.");
        }
        List<VpnTunnelOptionsSpecification> specs = o.hasTunnelOptions() ? o.tunnelOptions() : List.of();
        if (specs.size() > 2) {
            throw Ec2Errors.invalidParameterValue("A VPN connection has two tunnels: at most 2 TunnelOptions may be "
                    + "specified.");
        }
        List<TunnelOption> requested = new ArrayList<>();
        for (VpnTunnelOptionsSpecification spec : specs) {
            TunnelOption t = VpnTunnels.of(spec);
            VpnTunnels.checkSet(t, ipv6);
            VpnTunnels.checkCombined(VpnTunnels.merge(VpnTunnels.defaults(), t));
            requested.add(t);
        }
        while (requested.size() < 2) {
            requested.add(TunnelOption.builder().build());
        }
        String gateway = tgw ? targetTgw : vgwId;
        Set<String> taken = insideCidrsOn(s, gateway, null);
        for (TunnelOption t : requested) {
            String cidr = ipv6 ? t.tunnelInsideIpv6Cidr() : t.tunnelInsideCidr();
            if (cidr != null && !taken.add(ipv6 ? key6(cidr) : cidr)) {
                throw Ec2Errors.invalidParameterValue("The tunnel inside CIDR " + cidr + " is already in use by "
                        + "another tunnel of " + gateway + ".");
            }
        }
        Tags.validate(r.tagSpecifications(), "vpn-connection");
        Ec2Errors.checkDryRun(r.dryRun());
        // CreateVpnConnection is idempotent: the same customer gateway and target give the same connection.
        for (VpnConnection c : s.vpnConnections.values()) {
            if (c.deleteRequested == null && c.customerGatewayId.equals(cgw.id)
                    && gateway.equals(tgw ? c.transitGatewayId : c.vpnGatewayId)
                    && java.util.Objects.equals(c.vpnConcentratorId, r.vpnConcentratorId())) {
                return CreateVpnConnectionResponse.builder().vpnConnection(toSdk(s, c, true)).build();
            }
        }
        VpnConnection c = new VpnConnection(net.id("vpn"), s.account, net.now());
        c.customerGatewayId = cgw.id;
        c.vpnGatewayId = vgwId;
        c.transitGatewayId = tgw ? targetTgw : null;
        c.vpnConcentratorId = concentrator == null ? null : concentrator.id;
        c.staticRoutesOnly = Boolean.TRUE.equals(o.staticRoutesOnly());
        c.enableAcceleration = Boolean.TRUE.equals(o.enableAcceleration());
        c.tunnelInsideIpVersion = ipv6 ? "ipv6" : "ipv4";
        c.localIpv4NetworkCidr = ipv6 ? null : localV4 == null ? "0.0.0.0/0" : localV4;
        c.remoteIpv4NetworkCidr = ipv6 ? null : remoteV4 == null ? "0.0.0.0/0" : remoteV4;
        c.localIpv6NetworkCidr = ipv6 ? (localV6 == null ? "::/0" : localV6) : null;
        c.remoteIpv6NetworkCidr = ipv6 ? (remoteV6 == null ? "::/0" : remoteV6) : null;
        c.outsideIpAddressType = outsideType;
        c.tunnelBandwidth = o.tunnelBandwidthAsString() == null ? "standard" : o.tunnelBandwidthAsString();
        for (TunnelOption t : requested) {
            TunnelOption.Builder b = VpnTunnels.merge(VpnTunnels.defaults(), t).toBuilder()
                    .outsideIpAddress(net.publicIps.allocate(s.region));
            if (t.preSharedKey() == null) {
                b.preSharedKey(newPreSharedKey());
            }
            if (ipv6) {
                String cidr = t.tunnelInsideIpv6Cidr() != null ? t.tunnelInsideIpv6Cidr() : freeIpv6Cidr(taken);
                taken.add(key6(cidr));
                b.tunnelInsideIpv6Cidr(cidr);
            } else {
                String cidr = t.tunnelInsideCidr() != null ? t.tunnelInsideCidr() : freeIpv4Cidr(taken);
                taken.add(cidr);
                b.tunnelInsideCidr(cidr);
            }
            c.tunnels.add(b.build());
        }
        Tags.apply(r.tagSpecifications(), c);
        s.put(s.vpnConnections, c);
        if (concentrator != null) {
            c.transitGatewayAttachmentId = concentrator.transitGatewayAttachmentId;
        } else if (tgw) {
            c.transitGatewayAttachmentId = net.transitGateways.attachVpn(s, c.transitGatewayId, c.id).id;
        }
        return CreateVpnConnectionResponse.builder().vpnConnection(toSdk(s, c, true)).build();
    }

    /** What the target gateway allows: IPv6 inside addresses, acceleration and large tunnels need a transit gateway. */
    private static void checkTarget(boolean tgw, boolean ipv6, boolean acceleration, String bandwidth) {
        if (bandwidth != null && !bandwidth.equals("standard") && !bandwidth.equals("large")) {
            throw Ec2Errors.invalidValue(bandwidth, "TunnelBandwidth", "Valid values are standard | large.");
        }
        if (tgw) {
            return;
        }
        if (ipv6) {
            throw Ec2Errors.invalidParameterValue("IPv6 tunnel inside addresses are supported only for VPN "
                    + "connections on a transit gateway.");
        }
        if (acceleration) {
            throw Ec2Errors.invalidParameterValue("Acceleration is supported only for VPN connections on a transit "
                    + "gateway.");
        }
        if ("large".equals(bandwidth)) {
            throw Ec2Errors.invalidParameterValue("Large tunnel bandwidth is supported only for VPN connections on a "
                    + "transit gateway.");
        }
    }

    private static AwsException notEmulated(String what) {
        return new AwsException("NotImplemented", "Gureum does not emulate " + what
                + " of Site-to-Site VPN connections (see docs/services/ec2.md).", 501, false);
    }

    private CustomerGateway requireCustomerGateway(VpcStore s, String id) {
        CustomerGateway g = Ids.require(s.customerGateways, "cgw", id);
        if (g.state.equals("deleted")) {
            throw Ids.notFound("cgw", id);
        }
        return g;
    }

    private VpnGateway requireVpnGateway(VpcStore s, String id) {
        VpnGateway v = Ids.require(s.vpnGateways, "vgw", id);
        if (v.state.equals("deleted")) {
            throw Ids.notFound("vgw", id);
        }
        return v;
    }

    private static String ipv4Cidr(String text, String parameter) {
        return text == null ? null : Vpcs.parseCidr(text, parameter).toString();
    }

    private static String ipv6Cidr(String text, String parameter) {
        if (text == null) {
            return null;
        }
        try {
            Ipv6.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            throw Ec2Errors.invalidValue(text, parameter, "This is not a valid IPv6 CIDR block.");
        }
    }

    /** The inside CIDRs (IPv4 and IPv6, normalised) the other live connections of a gateway use. */
    private Set<String> insideCidrsOn(VpcStore s, String gateway, VpnConnection except) {
        Set<String> taken = new HashSet<>();
        for (VpnConnection c : s.vpnConnections.values()) {
            if (c == except || c.deleteRequested != null
                    || !(gateway.equals(c.vpnGatewayId) || gateway.equals(c.transitGatewayId))) {
                continue;
            }
            for (TunnelOption t : c.tunnels) {
                if (t.tunnelInsideCidr() != null) {
                    taken.add(t.tunnelInsideCidr());
                }
                if (t.tunnelInsideIpv6Cidr() != null) {
                    taken.add(key6(t.tunnelInsideIpv6Cidr()));
                }
            }
        }
        return taken;
    }

    /** The lowest /30 of 169.254.0.0/16 that is neither reserved nor taken. */
    private static String freeIpv4Cidr(Set<String> taken) {
        for (long n = 0; n < VpnTunnels.LINK_LOCAL.size() / 4; n++) {
            String cidr = VpnTunnels.LINK_LOCAL.subBlock(30, n).toString();
            if (!VpnTunnels.RESERVED.contains(cidr) && !taken.contains(cidr)) {
                return cidr;
            }
        }
        throw Ec2Errors.invalidParameterValue("No tunnel inside CIDR is left in 169.254.0.0/16.");
    }

    /** An IPv6 block as a comparable key (the same block however it is written). */
    private static String key6(String cidr) {
        Ipv6.Block b = Ipv6.parse(cidr);
        return b.start().toString(16) + "/" + b.prefix();
    }

    /** The lowest /126 of fd00::/8 not taken. */
    private static String freeIpv6Cidr(Set<String> taken) {
        for (long n = 0;; n++) {
            String cidr = "fd00::" + Long.toHexString(n * 4) + "/126";
            if (!taken.contains(key6(cidr))) {
                return cidr;
            }
        }
    }

    /** 32 characters AWS allows in a pre-shared key (alphanumerics, periods, underscores; not starting with 0). */
    private String newPreSharedKey() {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < 32) {
            for (char ch : net.ctx.ids().secretAccessKey().toCharArray()) {
                boolean ok = Character.isLetterOrDigit(ch) && ch < 128 || ch == '.' || ch == '_';
                if (ok && !(sb.isEmpty() && ch == '0') && sb.length() < 32) {
                    sb.append(ch);
                }
            }
        }
        return sb.toString();
    }

    public DescribeVpnConnectionsResponse describeVpnConnections(DescribeVpnConnectionsRequest r) {
        VpcStore s = net.store();
        Ec2Errors.checkDryRun(r.dryRun());
        List<VpnConnection> found = Selected.byIds(s.vpnConnections, r.vpnConnectionIds(), id -> notFound(id));
        return DescribeVpnConnectionsResponse.builder().vpnConnections(found.stream()
                .filter(filters.predicate(r.filters())).map(c -> toSdk(s, c, false)).toList()).build();
    }

    public DeleteVpnConnectionResponse deleteVpnConnection(DeleteVpnConnectionRequest r) {
        VpcStore s = net.store();
        VpnConnection c = require(s, r.vpnConnectionId());
        Ec2Errors.checkDryRun(r.dryRun());
        if (c.deleteRequested == null) {
            c.deleteRequested = net.now();
            detachTransitGateway(s, c);
        }
        return DeleteVpnConnectionResponse.builder().build();
    }

    /** Whether a connection not yet deleted was made on the VPN concentrator. */
    boolean usesConcentrator(VpcStore s, String concentratorId) {
        return s.vpnConnections.values().stream().anyMatch(c -> c.deleteRequested == null
                && concentratorId.equals(c.vpnConcentratorId));
    }

    private void detachTransitGateway(VpcStore s, VpnConnection c) {
        // The concentrator's attachment stays: the concentrator and its other connections share it.
        if (c.transitGatewayAttachmentId != null && c.vpnConcentratorId == null) {
            TransitGatewayAttachment a = s.tgwAttachments.get(c.transitGatewayAttachmentId);
            if (a != null && !a.state.equals("deleted")) {
                net.transitGateways.detach(s, a);
            }
        }
    }

    /**
     * Static routes belong to connections on a virtual private gateway that use static routing; a transit
     * gateway's are its route table's (CreateTransitGatewayRoute), as the Site-to-Site VPN guide says.
     */
    public CreateVpnConnectionRouteResponse createVpnConnectionRoute(CreateVpnConnectionRouteRequest r) {
        VpcStore s = net.store();
        if (r.destinationCidrBlock() == null) {
            throw Ec2Errors.missing("DestinationCidrBlock");
        }
        VpnConnection c = requireLive(s, r.vpnConnectionId());
        String cidr = Vpcs.parseCidr(r.destinationCidrBlock(), "destinationCidrBlock").toString();
        if (c.vpnGatewayId == null) {
            throw Ec2Errors.invalidParameterValue("Static routes cannot be added to VPN connection " + c.id
                    + ": it is attached to a transit gateway; add the route to the transit gateway route table.");
        }
        if (!c.staticRoutesOnly) {
            throw Ec2Errors.invalidParameterValue("Static routes cannot be added to VPN connection " + c.id
                    + ": it uses dynamic (BGP) routing.");
        }
        if (c.routes.stream().anyMatch(x -> x.destinationCidrBlock.equals(cidr))) {
            throw Ec2Error.ROUTE_ALREADY_EXISTS.withMessage("The route " + cidr + " already exists for VPN "
                    + "connection " + c.id + ".");
        }
        VpnConnection.StaticRoute route = new VpnConnection.StaticRoute();
        route.destinationCidrBlock = cidr;
        route.created = net.now();
        c.routes.add(route);
        return CreateVpnConnectionRouteResponse.builder().build();
    }

    public DeleteVpnConnectionRouteResponse deleteVpnConnectionRoute(DeleteVpnConnectionRouteRequest r) {
        VpcStore s = net.store();
        if (r.destinationCidrBlock() == null) {
            throw Ec2Errors.missing("DestinationCidrBlock");
        }
        VpnConnection c = requireLive(s, r.vpnConnectionId());
        Cidr parsed = Vpcs.parseCidr(r.destinationCidrBlock(), "destinationCidrBlock");
        VpnConnection.StaticRoute route = c.routes.stream()
                .filter(x -> x.destinationCidrBlock.equals(parsed.toString())).findFirst()
                .orElseThrow(() -> Ec2Error.INVALID_ROUTE_NOT_FOUND.withMessage("The route " + parsed
                        + " does not exist for VPN connection " + c.id + "."));
        c.routes.remove(route);
        return DeleteVpnConnectionRouteResponse.builder().build();
    }

    /**
     * Changes the customer gateway or the target gateway (virtual private gateway ↔ transit gateway): the tunnel
     * outside addresses and options stay, as ModifyVpnConnection documents; static routes must be deleted before
     * a move from a virtual private gateway to a transit gateway.
     */
    public ModifyVpnConnectionResponse modifyVpnConnection(ModifyVpnConnectionRequest r) {
        VpcStore s = net.store();
        VpnConnection c = requireLive(s, r.vpnConnectionId());
        int targets = (r.vpnGatewayId() != null ? 1 : 0) + (r.transitGatewayId() != null ? 1 : 0);
        if (targets > 1) {
            throw Ec2Errors.combination("The parameters VpnGatewayId and TransitGatewayId cannot be specified "
                    + "together.");
        }
        if (targets == 0 && r.customerGatewayId() == null) {
            throw Ec2Errors.missing("VpnGatewayId, TransitGatewayId or CustomerGatewayId");
        }
        if (!state(c).equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The vpn connection " + c.id + " is not in the available "
                    + "state.");
        }
        if (c.vpnConcentratorId != null && targets > 0) {
            throw Ec2Errors.invalidParameterValue("VPN connection " + c.id + " is on VPN concentrator "
                    + c.vpnConcentratorId + ": its target gateway cannot be changed.");
        }
        CustomerGateway cgw = r.customerGatewayId() == null ? null : requireCustomerGateway(s, r.customerGatewayId());
        if (r.vpnGatewayId() != null) {
            requireVpnGateway(s, r.vpnGatewayId());
            if (r.vpnGatewayId().equals(c.vpnGatewayId)) {
                throw Ec2Errors.invalidParameterValue("VPN connection " + c.id + " is already attached to "
                        + c.vpnGatewayId + ".");
            }
            checkTarget(false, c.tunnelInsideIpVersion.equals("ipv6"), c.enableAcceleration, c.tunnelBandwidth);
        }
        if (r.transitGatewayId() != null) {
            net.transitGateways.requireGateway(s, r.transitGatewayId());
            if (r.transitGatewayId().equals(c.transitGatewayId)) {
                throw Ec2Errors.invalidParameterValue("VPN connection " + c.id + " is already attached to "
                        + c.transitGatewayId + ".");
            }
            if (!c.routes.isEmpty()) {
                throw Ec2Error.INCORRECT_STATE.withMessage("VPN connection " + c.id + " has static routes: delete "
                        + "them before moving it to a transit gateway.");
            }
        }
        String gateway = r.vpnGatewayId() != null ? r.vpnGatewayId()
                : r.transitGatewayId() != null ? r.transitGatewayId()
                : c.vpnGatewayId != null ? c.vpnGatewayId : c.transitGatewayId;
        Set<String> taken = insideCidrsOn(s, gateway, c);
        for (TunnelOption t : c.tunnels) {
            String cidr = t.tunnelInsideCidr() != null ? t.tunnelInsideCidr()
                    : key6(t.tunnelInsideIpv6Cidr());
            if (taken.contains(cidr)) {
                throw Ec2Errors.invalidParameterValue("The tunnel inside CIDR " + cidr + " is already in use by "
                        + "another tunnel of " + gateway + ".");
            }
        }
        // One connection per customer gateway and target, as CreateVpnConnection's idempotency implies.
        String customer = cgw != null ? cgw.id : c.customerGatewayId;
        for (VpnConnection other : s.vpnConnections.values()) {
            if (other != c && other.deleteRequested == null && other.customerGatewayId.equals(customer)
                    && (gateway.equals(other.vpnGatewayId) || gateway.equals(other.transitGatewayId))) {
                throw Ec2Errors.invalidParameterValue("Customer gateway " + customer + " already has VPN "
                        + "connection " + other.id + " to " + gateway + ".");
            }
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (cgw != null) {
            c.customerGatewayId = cgw.id;
        }
        if (r.vpnGatewayId() != null) {
            detachTransitGateway(s, c);
            c.transitGatewayId = null;
            c.transitGatewayAttachmentId = null;
            c.vpnGatewayId = r.vpnGatewayId();
        } else if (r.transitGatewayId() != null) {
            detachTransitGateway(s, c);
            c.vpnGatewayId = null;
            c.transitGatewayId = r.transitGatewayId();
            c.transitGatewayAttachmentId = net.transitGateways.attachVpn(s, c.transitGatewayId, c.id).id;
        }
        return ModifyVpnConnectionResponse.builder().vpnConnection(toSdk(s, c, false)).build();
    }

    public ModifyVpnConnectionOptionsResponse modifyVpnConnectionOptions(ModifyVpnConnectionOptionsRequest r) {
        VpcStore s = net.store();
        VpnConnection c = requireLive(s, r.vpnConnectionId());
        boolean ipv6 = c.tunnelInsideIpVersion.equals("ipv6");
        String localV4 = ipv4Cidr(r.localIpv4NetworkCidr(), "LocalIpv4NetworkCidr");
        String remoteV4 = ipv4Cidr(r.remoteIpv4NetworkCidr(), "RemoteIpv4NetworkCidr");
        String localV6 = ipv6Cidr(r.localIpv6NetworkCidr(), "LocalIpv6NetworkCidr");
        String remoteV6 = ipv6Cidr(r.remoteIpv6NetworkCidr(), "RemoteIpv6NetworkCidr");
        if (!ipv6 && (localV6 != null || remoteV6 != null)) {
            throw Ec2Errors.invalidParameterValue("IPv6 network CIDRs can only be specified for a VPN connection "
                    + "with tunnel inside IP version ipv6.");
        }
        if (ipv6 && (localV4 != null || remoteV4 != null)) {
            throw Ec2Errors.invalidParameterValue("IPv4 network CIDRs can only be specified for a VPN connection "
                    + "with tunnel inside IP version ipv4.");
        }
        checkTarget(c.transitGatewayId != null, ipv6, false, r.tunnelBandwidthAsString());
        if (!state(c).equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The vpn connection " + c.id + " is not in the available "
                    + "state.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        if (localV4 != null) {
            c.localIpv4NetworkCidr = localV4;
        }
        if (remoteV4 != null) {
            c.remoteIpv4NetworkCidr = remoteV4;
        }
        if (localV6 != null) {
            c.localIpv6NetworkCidr = localV6;
        }
        if (remoteV6 != null) {
            c.remoteIpv6NetworkCidr = remoteV6;
        }
        if (r.tunnelBandwidthAsString() != null) {
            c.tunnelBandwidth = r.tunnelBandwidthAsString();
        }
        return ModifyVpnConnectionOptionsResponse.builder().vpnConnection(toSdk(s, c, false)).build();
    }

    /** Changes one tunnel, found by its outside address; the other tunnel and the connection's state stay. */
    public ModifyVpnTunnelOptionsResponse modifyVpnTunnelOptions(ModifyVpnTunnelOptionsRequest r) {
        VpcStore s = net.store();
        VpnConnection c = requireLive(s, r.vpnConnectionId());
        if (r.vpnTunnelOutsideIpAddress() == null) {
            throw Ec2Errors.missing("VpnTunnelOutsideIpAddress");
        }
        if (r.tunnelOptions() == null) {
            throw Ec2Errors.missing("TunnelOptions");
        }
        if (r.preSharedKeyStorage() != null && !r.preSharedKeyStorage().equals("Standard")) {
            if (r.preSharedKeyStorage().equals("SecretsManager")) {
                throw notEmulated("pre-shared keys stored in Secrets Manager (PreSharedKeyStorage SecretsManager)");
            }
            throw Ec2Errors.invalidValue(r.preSharedKeyStorage(), "PreSharedKeyStorage",
                    "Valid values are Standard | SecretsManager.");
        }
        int index = -1;
        for (int i = 0; i < c.tunnels.size(); i++) {
            if (r.vpnTunnelOutsideIpAddress().equals(c.tunnels.get(i).outsideIpAddress())) {
                index = i;
            }
        }
        if (index < 0) {
            throw Ec2Errors.invalidParameterValue("The VPN tunnel outside IP address " + r.vpnTunnelOutsideIpAddress()
                    + " does not belong to VPN connection " + c.id + ".");
        }
        boolean ipv6 = c.tunnelInsideIpVersion.equals("ipv6");
        TunnelOption over = VpnTunnels.of(r.tunnelOptions());
        VpnTunnels.checkSet(over, ipv6);
        TunnelOption merged = VpnTunnels.merge(c.tunnels.get(index), over);
        VpnTunnels.checkCombined(merged);
        String newCidr = ipv6 ? over.tunnelInsideIpv6Cidr() : over.tunnelInsideCidr();
        if (newCidr != null) {
            Set<String> taken = insideCidrsOn(s, c.vpnGatewayId != null ? c.vpnGatewayId : c.transitGatewayId, c);
            TunnelOption other = c.tunnels.get(1 - index);
            taken.add(ipv6 ? key6(other.tunnelInsideIpv6Cidr()) : other.tunnelInsideCidr());
            if (taken.contains(ipv6 ? key6(newCidr) : newCidr)) {
                throw Ec2Errors.invalidParameterValue("The tunnel inside CIDR " + newCidr + " is already in use.");
            }
        }
        if (!state(c).equals("available")) {
            throw Ec2Error.INCORRECT_STATE.withMessage("The vpn connection " + c.id + " is not in the available "
                    + "state.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        c.tunnels.set(index, merged);
        return ModifyVpnTunnelOptionsResponse.builder().vpnConnection(toSdk(s, c, false)).build();
    }

    private String configurationOrNull(VpnConnection c) {
        String st = state(c);
        return st.equals("pending") || st.equals("available") ? configuration(net.store(), c) : null;
    }

    private String configuration(VpcStore s, VpnConnection c) {
        CustomerGateway g = s.customerGateways.get(c.customerGatewayId);
        long amazonAsn = 64512;
        if (c.vpnGatewayId != null && s.vpnGateways.containsKey(c.vpnGatewayId)) {
            amazonAsn = s.vpnGateways.get(c.vpnGatewayId).amazonSideAsn;
        } else if (c.transitGatewayId != null && s.transitGateways.containsKey(c.transitGatewayId)) {
            amazonAsn = s.transitGateways.get(c.transitGatewayId).amazonSideAsn;
        }
        return VpnConfiguration.of(c, g == null ? null : g.ipAddress, g == null ? null : g.bgpAsn, amazonAsn);
    }

    /** The connection as described; the configuration only while {@code pending} or {@code available}, as AWS does. */
    software.amazon.awssdk.services.ec2.model.VpnConnection toSdk(VpcStore s, VpnConnection c, boolean created) {
        String st = state(c);
        boolean withConfiguration = created || st.equals("pending") || st.equals("available");
        return software.amazon.awssdk.services.ec2.model.VpnConnection.builder().vpnConnectionId(c.id)
                .type(c.type).category("VPN").state(st).customerGatewayId(c.customerGatewayId)
                .gatewayAssociationState(st.equals("deleted") ? "not-associated" : "associated")
                .vpnGatewayId(c.vpnGatewayId).vpnConcentratorId(c.vpnConcentratorId)
                .transitGatewayId(c.vpnConcentratorId == null ? c.transitGatewayId : null)
                .customerGatewayConfiguration(withConfiguration ? configuration(s, c) : null)
                .options(VpnConnectionOptions.builder().enableAcceleration(c.enableAcceleration)
                        .staticRoutesOnly(c.staticRoutesOnly).localIpv4NetworkCidr(c.localIpv4NetworkCidr)
                        .remoteIpv4NetworkCidr(c.remoteIpv4NetworkCidr).localIpv6NetworkCidr(c.localIpv6NetworkCidr)
                        .remoteIpv6NetworkCidr(c.remoteIpv6NetworkCidr).outsideIpAddressType(c.outsideIpAddressType)
                        .tunnelInsideIpVersion(c.tunnelInsideIpVersion).tunnelBandwidth(c.tunnelBandwidth)
                        .tunnelOptions(c.tunnels).build())
                .routes(c.routes.stream().map(x -> VpnStaticRoute.builder().destinationCidrBlock(x.destinationCidrBlock)
                        .source("Static").state(c.deleteRequested != null ? st : routeState(x)).build()).toList())
                .vgwTelemetry(c.tunnels.stream().map(t -> VgwTelemetry.builder().outsideIpAddress(t.outsideIpAddress())
                        .status("DOWN").statusMessage("").lastStatusChange(c.created).acceptedRouteCount(0).build())
                        .toList())
                .tags(Tags.toSdk(s.tagsOf(c))).build();
    }
}
