package io.gureum.vpc;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers the EC2 API's networking operations (VPC) with core, under the signing name {@code ec2}.
 * {@code service-ec2} registers the compute share of the same API.
 */
public final class VpcService implements AwsService {
    /** The EC2 API's XML namespace; both modules of the API must name the same one. */
    public static final String XML_NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.ec2.Ec2Client";
    }

    @Override
    public String xmlNamespace() {
        return XML_NAMESPACE;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(Vpcs.class, Subnets.class, RouteTables.class, NetworkAcls.class, SecurityGroups.class,
                InternetGateways.class, Addresses.class, NatGateways.class, NetworkInterfaces.class,
                PrefixLists.class, VpcEndpoints.class, Tags.class, VpcPeering.class, TransitGateways.class,
                VpnGateways.class, AvailabilityZones.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new VpcInstance(context);
    }
}
