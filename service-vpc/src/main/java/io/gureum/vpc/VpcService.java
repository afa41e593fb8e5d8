package io.gureum.vpc;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.ec2common.Ec2Api;
import java.util.List;

/**
 * Registers the EC2 API's networking operations (VPC) with core, under the signing name {@code ec2}.
 * {@code service-ec2} registers the compute share of the same API.
 */
public final class VpcService implements AwsService {
    @Override
    public String name() {
        return Ec2Api.NAME;
    }

    @Override
    public String clientInterface() {
        return Ec2Api.CLIENT_INTERFACE;
    }

    @Override
    public String xmlNamespace() {
        return Ec2Api.XML_NAMESPACE;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Vpcs.class, Subnets.class, RouteTables.class, NetworkAcls.class, SecurityGroups.class,
                InternetGateways.class, Addresses.class, NatGateways.class, NetworkInterfaces.class,
                PrefixLists.class, VpcEndpoints.class, VpcEndpointServices.class, VpcEndpointConnections.class,
                VpcEndpointNotifications.class, Tags.class, VpcPeering.class, TransitGateways.class,
                TransitGatewayModifications.class, TransitGatewayPeerings.class, TransitGatewayConnects.class, TransitGatewayMulticast.class,
                VpnGateways.class, AvailabilityZones.class, NetworkInsightsPaths.class,
                NetworkInsightsAnalyses.class, NetworkAccessScopes.class, FlowLogs.class,
                EgressOnlyInternetGateways.class, DhcpOptionsSets.class, CarrierGateways.class,
                NetworkInterfacePermissions.class, SecurityGroupVpcAssociations.class, LocalGateways.class,
                VpnConnections.class, TrafficMirrors.class, VpcBlockPublicAccess.class, VpcEncryptionControls.class,
                Ipams.class, IpamPools.class, VerifiedAccessInstances.class, VerifiedAccessTrustProviders.class,
                VerifiedAccessGroups.class, VerifiedAccessEndpoints.class,
                RouteServers.class, RouteServerEndpoints.class,
                AddressAttributes.class, NetworkInterfaceAttributes.class,
                NatGatewayAddresses.class, SecurityGroupReferences.class, PrefixListVersions.class,
                SubnetCidrReservations.class, DefaultSubnets.class,
                TransitGatewayMeteringPolicies.class, VpnConcentrators.class, NetworkPerformanceSubscriptions.class,
                PublicIpv4Pools.class, IpamPrefixListResolvers.class,
                ClientVpnEndpoints.class, ClientVpnTargets.class, ClientVpnAuthorizationPolicies.class,
                EnclaveCertificates.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new VpcInstance(context);
    }
}
