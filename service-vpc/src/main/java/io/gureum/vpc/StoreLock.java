package io.gureum.vpc;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import java.util.Set;

/**
 * Every networking operation runs holding the caller's store (account + region), after the NAT gateways
 * whose state came due on the clock have settled. The VPC peering operations may touch a second store
 * (the peer's account or region): they run one at a time under a lock of their own, taken before any
 * store lock, so that holding two store locks can never deadlock; so do the transit gateway peering
 * attachment operations, for the same reason. With {@code --data-dir}, what the
 * operation changed is recorded before the lock is released ({@link VpcRecords}).
 */
final class StoreLock implements OperationInterceptor {
    private static final Set<String> TWO_STORE_OPERATIONS = Set.of("CreateVpcPeeringConnection",
            "AcceptVpcPeeringConnection", "RejectVpcPeeringConnection", "DeleteVpcPeeringConnection",
            "DescribeVpcPeeringConnections", "ModifyVpcPeeringConnectionOptions", "CreateTransitGatewayPeeringAttachment",
            "AcceptTransitGatewayPeeringAttachment", "RejectTransitGatewayPeeringAttachment",
            "DeleteTransitGatewayPeeringAttachment",
            // Endpoints of one account connect to endpoint services of another (the service keeps the connection).
            "CreateVpcEndpoint", "DeleteVpcEndpoints", "AcceptVpcEndpointConnections", "RejectVpcEndpointConnections",
            "DescribeVpcEndpointServices");

    private final Network net;
    private final Object peeringLock = new Object();

    StoreLock(Network net) {
        this.net = net;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        if (TWO_STORE_OPERATIONS.contains(call.operation())) {
            synchronized (peeringLock) {
                return onStore(call);
            }
        }
        return onStore(call);
    }

    private Object onStore(OperationCall call) throws Exception {
        VpcStore s = net.store();
        synchronized (s) {
            net.natGateways.settle(s);
            net.carrierGateways.settle(s);
            net.vpnConnections.settle(s);
            net.securityGroupVpcAssociations.settle(s);
            net.insights.settle(s);
            net.blockPublicAccess.settle(s);
            net.encryptionControls.settle(s);
            net.ipams.settle(s);
            net.vaEndpoints.settle(s);
            net.routeServers.settle(s);
            net.meteringPolicies.settle(s);
            net.vpnConcentrators.settle(s);
            net.prefixListResolvers.settle(s);
            net.clientVpnEndpoints.settle(s);
            if (!net.records.enabled()) {
                return call.proceed();
            }
            try {
                return call.proceed();
            } finally {
                net.records.afterOperation(call.operation(), s);
            }
        }
    }
}
