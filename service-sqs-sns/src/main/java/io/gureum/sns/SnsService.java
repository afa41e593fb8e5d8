package io.gureum.sns;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers SNS (query protocol, API version 2010-03-31) with core. */
public final class SnsService implements AwsService {
    @Override
    public String name() {
        return "sns";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.sns.SnsClient";
    }

    @Override
    public String xmlNamespace() {
        return "http://sns.amazonaws.com/doc/2010-03-31/";
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return SnsInstance.PROVIDERS;
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        return new SnsInstance(context);
    }


}
