package io.gureum.tagging;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/** Registers the Resource Groups Tagging API (awsJson 1.1, signing name {@code tagging}) with core. */
public final class TaggingService implements AwsService {
    @Override
    public String name() {
        return "tagging";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(ResourceQueries.class, ResourceTagging.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return ServiceInstance.of(new ResourceQueries(context.registry()),
                new ResourceTagging(new ServiceTaggers(context.clients())));
    }
}
