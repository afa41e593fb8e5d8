package io.gureum.s3.control;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ProtocolQuirks;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/** Registers S3 Control (the s3control API) with core; it shares the module with S3. */
public final class S3ControlService implements AwsService {
    @Override
    public String name() {
        return "s3control";
    }

    /** Signed as {@code s3}, as S3 is; core tells them apart by the path ({@link ControlQuirks#claims}). */
    @Override
    public List<String> signingNames() {
        return List.of("s3");
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.s3control.S3ControlClient";
    }

    @Override
    public String xmlNamespace() {
        return "http://awss3control.amazonaws.com/doc/2018-08-20/";
    }

    @Override
    public ProtocolQuirks quirks() {
        return new ControlQuirks();
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(AccountBlocks.class, AccessPoints.class, StorageLens.class, AccessGrants.class, AccessGrantsLocations.class, DataAccess.class,
                MultiRegionAccessPoints.class, ObjectLambdaAccessPoints.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new S3ControlInstance(context);
    }
}
