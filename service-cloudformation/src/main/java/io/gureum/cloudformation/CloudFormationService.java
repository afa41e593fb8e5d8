package io.gureum.cloudformation;

import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceHandlers;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers CloudFormation with core: the awsQuery API of 2010-05-15, signing name
 * {@code cloudformation}. {@link CloudFormationInstance} makes the providers.
 */
public final class CloudFormationService implements AwsService {
    private final List<ResourceHandler> extra;

    /** The registration ServiceLoader makes: the handlers listed in {@code META-INF/services}. */
    public CloudFormationService() {
        this(List.of());
    }

    /** A registration with {@code extra} handlers besides the listed ones (a test's failing handler). */
    public CloudFormationService(List<? extends ResourceHandler> extra) {
        this.extra = List.copyOf(extra);
    }

    @Override
    public String name() {
        return "cloudformation";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.cloudformation.CloudFormationClient";
    }

    @Override
    public String xmlNamespace() {
        return "http://cloudformation.amazonaws.com/doc/2010-05-15/";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return CloudFormationInstance.PROVIDERS;
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new CloudFormationInstance(context, ResourceHandlers.builtIn().with(extra));
    }
}
