package io.gureum.elb;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers Elastic Load Balancing v2 with core: the query API of 2015-12-01, signed as
 * {@code elasticloadbalancing}. Classic Load Balancing (2012-06-01) signs with the same name; its requests
 * reach this module too and are answered 501 by {@link ElbInstance#preOperation}.
 */
public final class ElbV2Service implements AwsService {
    /** The signing name both ELB APIs share. */
    static final String SIGNING_NAME = "elasticloadbalancing";

    @Override
    public String name() {
        return "elbv2";
    }

    @Override
    public List<String> signingNames() {
        return List.of(SIGNING_NAME);
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client";
    }

    @Override
    public String xmlNamespace() {
        return "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return ElbInstance.PROVIDERS;
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new ElbInstance(context);
    }
}
