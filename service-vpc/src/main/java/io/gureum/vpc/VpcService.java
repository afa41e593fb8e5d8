package io.gureum.vpc;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers the EC2 API's networking operations (VPC) with core, under the signing name {@code ec2}. */
public final class VpcService implements AwsService {
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
        return "http://ec2.amazonaws.com/doc/2016-11-15/";
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return java.util.List.of(Ec2Handler.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        Ec2Handler handler = new Ec2Handler(context);
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
