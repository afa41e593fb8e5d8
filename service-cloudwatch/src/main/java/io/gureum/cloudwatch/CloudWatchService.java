package io.gureum.cloudwatch;

import io.gureum.core.protocol.ProtocolCodec;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ProtocolQuirks;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers CloudWatch with core: the 2010-08-01 API, which the SDKs reach over rpcv2Cbor, awsJson 1.0 and
 * query (botocore's {@code protocols}); core's codecs tell them apart. Eager, because the metrics other
 * services publish on the event bus must be stored before anyone calls CloudWatch.
 */
public final class CloudWatchService implements AwsService {
    @Override
    public String name() {
        return "cloudwatch";
    }

    @Override
    public List<String> signingNames() {
        return List.of("monitoring");
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.cloudwatch.CloudWatchClient";
    }

    @Override
    public String xmlNamespace() {
        return "http://monitoring.amazonaws.com/doc/2010-08-01/";
    }

    @Override
    public boolean eager() {
        return true;
    }

    /** PutMetricData bodies may arrive gzip-compressed. */
    @Override
    public ProtocolQuirks quirks() {
        return new ProtocolQuirks() {
            @Override
            public ProtocolCodec codec(ProtocolCodec standard) {
                return new GzipBodies(standard);
            }
        };
    }

    @Override
    public List<Class<?>> providerClasses() {
        return CloudWatchInstance.PROVIDER_CLASSES;
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new CloudWatchInstance(context);
    }
}
