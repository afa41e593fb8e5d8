package io.gureum.iam;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers STS (the AWS Security Token Service) with core. */
public final class StsService implements AwsService {
    @Override
    public String name() {
        return "sts";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.sts.StsClient";
    }

    @Override
    public String xmlNamespace() {
        return "https://sts.amazonaws.com/doc/2011-06-15/";
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(CallerIdentity.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        return io.gureum.core.spi.ServiceInstance.of(new CallerIdentity(context));
    }
}
