package io.gureum.vpc.reachability;

import io.gureum.vpc.VpcStore;
import io.gureum.vpc.model.NatGateway;
import io.gureum.vpc.model.NetworkInterface;
import io.gureum.vpc.model.VpcEndpoint;

/** Resolves a path's source or destination (an ID or an ARN) in the store. */
public final class Endpoints {
    private final VpcStore store;

    public Endpoints(VpcStore store) {
        this.store = store;
    }

    /** The ID an ID-or-ARN names: {@code arn:aws:ec2:…:instance/i-1} → {@code i-1}. */
    public static String idOf(String idOrArn) {
        if (idOrArn != null && idOrArn.startsWith("arn:")) {
            int slash = idOrArn.lastIndexOf('/');
            return slash < 0 ? idOrArn : idOrArn.substring(slash + 1);
        }
        return idOrArn;
    }

    /** Whether the resource exists in this store (instances: through the interface attached to them). */
    public boolean exists(String id) {
        return resolve(id) != null;
    }

    Endpoint resolve(String idOrArn) {
        String id = idOf(idOrArn);
        if (id == null) {
            return null;
        }
        if (id.startsWith("i-")) {
            NetworkInterface primary = null;
            for (NetworkInterface e : store.networkInterfaces.values()) {
                if (id.equals(e.attachedInstanceId) && (primary == null || Integer.valueOf(0).equals(e.deviceIndex))) {
                    primary = e;
                }
            }
            return primary == null ? null : eni(id, primary);
        }
        if (id.startsWith("eni-")) {
            NetworkInterface e = store.networkInterfaces.get(id);
            return e == null ? null : eni(id, e);
        }
        if (id.startsWith("igw-")) {
            var igw = store.internetGateways.get(id);
            return igw == null ? null : new Endpoint("igw", id, igw, null, null, null);
        }
        if (id.startsWith("nat-")) {
            NatGateway n = store.natGateways.get(id);
            if (n == null) {
                return null;
            }
            NetworkInterface e = n.networkInterfaceId == null ? null : store.networkInterfaces.get(n.networkInterfaceId);
            return new Endpoint("nat", id, n, e, store.subnets.get(n.subnetId), n.privateIp);
        }
        if (id.startsWith("vpce-")) {
            VpcEndpoint v = store.vpcEndpoints.get(id);
            if (v == null) {
                return null;
            }
            if (v.type.equals("Gateway")) {
                return new Endpoint("vpce-gateway", id, v, null, null, null);
            }
            NetworkInterface e = v.networkInterfaceIds.isEmpty() ? null : store.networkInterfaces.get(v.networkInterfaceIds.get(0));
            return e == null ? new Endpoint("vpce-interface", id, v, null, null, null) : eni(id, e);
        }
        if (id.startsWith("pcx-")) {
            var p = store.peerings.get(id);
            return p == null ? null : new Endpoint("pcx", id, p, null, null, null);
        }
        if (id.startsWith("tgw-") && !id.startsWith("tgw-attach-") && !id.startsWith("tgw-rtb-")) {
            var t = store.transitGateways.get(id);
            return t == null ? null : new Endpoint("tgw", id, t, null, null, null);
        }
        return null;
    }

    private Endpoint eni(String id, NetworkInterface e) {
        return new Endpoint("eni", id, e, e, store.subnets.get(e.subnetId), e.privateIp);
    }

    /** A bare IPv4 address as a destination: the interface holding it, else the address itself. */
    Endpoint address(String ip) {
        for (NetworkInterface e : store.networkInterfaces.values()) {
            if (ip.equals(e.privateIp) || e.secondaryPrivateIps.contains(ip)) {
                return eni(e.id, e);
            }
        }
        return new Endpoint("ip", ip, null, null, null, ip);
    }
}
