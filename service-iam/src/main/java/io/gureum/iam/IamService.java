package io.gureum.iam;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers IAM with core: roles, managed policies, users, access keys and instance profiles (see IamHandler). */
public final class IamService implements AwsService {
    @Override
    public String name() {
        return "iam";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.iam.IamClient";
    }

    @Override
    public String xmlNamespace() {
        return "https://iam.amazonaws.com/doc/2010-05-08/";
    }

    /** UpdateRole's output has a result wrapper and no members (botocore's iam service-2.json). */
    @Override
    public java.util.Set<String> emptyResultOperations() {
        return java.util.Set.of("UpdateRole");
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(IamHandler.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        IamHandler handler = new IamHandler(context);
        return new io.gureum.core.spi.ServiceInstance() {
            @Override
            public java.util.List<Object> providers() {
                return java.util.List.of(handler);
            }

            @Override
            public void close() {
                handler.close();
            }
        };
    }
}
