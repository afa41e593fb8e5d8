package io.gureum.ec2;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import io.gureum.ec2.capacity.CapacityReservations;
import io.gureum.ec2.keys.KeyPairs;
import io.gureum.ec2.placement.PlacementGroups;
import io.gureum.ec2.spot.SpotPriceHistory;
import io.gureum.ec2.spot.SpotRequests;
import io.gureum.ec2.templates.InstanceTemplateData;
import io.gureum.ec2.templates.LaunchTemplates;
import io.gureum.ec2common.Ec2Api;
import java.util.List;

/**
 * Registers the EC2 API's compute operations (instance types; later instances) with core. The same API
 * as {@code service-vpc}'s registration: same name, client interface and XML namespace; core composes one
 * operation table from both modules' providers.
 */
public final class Ec2ComputeService implements AwsService {
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
        return List.of(InstanceTypes.class, KeyPairs.class, LaunchTemplates.class, InstanceTemplateData.class,
                PlacementGroups.class, CapacityReservations.class, SpotPriceHistory.class, SpotRequests.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return ServiceInstance.of(new InstanceTypes(context.topology()), new KeyPairs(context),
                new LaunchTemplates(context), new InstanceTemplateData(context),
                new PlacementGroups(context), new CapacityReservations(context), new SpotPriceHistory(context),
                new SpotRequests(context));
    }
}
