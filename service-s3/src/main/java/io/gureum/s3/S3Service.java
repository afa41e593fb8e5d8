package io.gureum.s3;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/** Registers Amazon S3 with core. */
public final class S3Service implements AwsService {
    @Override
    public String name() {
        return "s3";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.s3.S3Client";
    }

    @Override
    public String xmlNamespace() {
        return "http://s3.amazonaws.com/doc/2006-03-01/";
    }

    @Override
    public Object createHandler(ServiceContext context) {
        return new S3Handler(new S3Backend(context));
    }
}
