package io.gureum.vpc.model;

import java.time.Instant;

/**
 * The stored state of one Site-to-Site VPN concentrator: a transit gateway attachment (resource type
 * {@code vpn-concentrator}) that VPN connections share. Its state follows the clock from {@link #created} and
 * {@link #deleteRequested}.
 */
public final class VpnConcentrator extends Resource {
    public String type = "ipsec.1";
    public String transitGatewayId;
    public String transitGatewayAttachmentId;
    /** When DeleteVpnConcentrator was called; null while the concentrator is not being deleted. */
    public Instant deleteRequested;

    public VpnConcentrator(String id, String ownerId, Instant created) {
        super(id, ownerId, created);
    }

    @Override
    public String resourceType() {
        return "vpn-concentrator";
    }
}
