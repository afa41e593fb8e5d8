package io.gureum.events;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers Amazon EventBridge with core: the awsJson 1.1 API of 2015-10-07, signing name {@code events}.
 * Eager: the events other services publish must reach the default bus before anyone calls EventBridge.
 */
public final class EventsService implements AwsService {
    @Override
    public String name() {
        return "eventbridge";
    }

    @Override
    public List<String> signingNames() {
        return List.of("events");
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.eventbridge.EventBridgeClient";
    }

    @Override
    public boolean eager() {
        return true;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return EventsInstance.PROVIDERS;
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new EventsInstance(context);
    }
}
