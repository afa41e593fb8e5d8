package io.gureum.vpc.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.ec2.model.TunnelOption;

/**
 * The stored state of one Site-to-Site VPN connection: a customer gateway joined to a virtual private gateway or
 * to a transit gateway (through an attachment of resource type {@code vpn}), two tunnels, and static routes. Its
 * state follows the clock from {@link #created} and {@link #deleteRequested}.
 */
public final class VpnConnection extends Resource {
    public String type = "ipsec.1";
    public String customerGatewayId;
    public String vpnGatewayId;
    public String transitGatewayId;
    public String transitGatewayAttachmentId;
    /** The VPN concentrator the connection was made on (its transit gateway and attachment are the concentrator's). */
    public String vpnConcentratorId;
    public boolean staticRoutesOnly;
    public boolean enableAcceleration;
    public String tunnelInsideIpVersion = "ipv4";
    public String localIpv4NetworkCidr;
    public String remoteIpv4NetworkCidr;
    public String localIpv6NetworkCidr;
    public String remoteIpv6NetworkCidr;
    public String outsideIpAddressType = "PublicIpv4";
    public String tunnelBandwidth = "standard";
    /** The two tunnels' options as described (outside address, inside CIDR, pre-shared key, IKE settings). */
    public final List<TunnelOption> tunnels = new ArrayList<>();
    public final List<StaticRoute> routes = new ArrayList<>();
    /** When DeleteVpnConnection was called; null while the connection is not being deleted. */
    public Instant deleteRequested;

    /** A static route toward the customer network; {@code pending} for a moment after it is created. */
    public static final class StaticRoute {
        public String destinationCidrBlock;
        public Instant created;
    }

    public VpnConnection(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpn-connection";
    }
}
