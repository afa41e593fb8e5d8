package io.gureum.cloudformation;

import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/** CloudFormation on one server: its providers. */
final class CloudFormationInstance implements ServiceInstance {
    static final List<Class<?>> PROVIDERS = List.of(Templates.class);

    private final List<Object> providers;

    CloudFormationInstance(ServiceContext context) {
        this.providers = List.of(new Templates());
    }

    @Override
    public List<Object> providers() {
        return providers;
    }
}
