package io.gureum.acm;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers AWS Certificate Manager with core: the awsJson 1.1 API of 2015-12-08 (signing name
 * {@code acm}, target prefix {@code CertificateManager}), answered by the providers of an {@link AcmInstance}.
 */
public final class AcmService implements AwsService {
    @Override
    public String name() {
        return "acm";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.acm.AcmClient";
    }

    /** Made at start so that other services' certificate-use events (core's CertificateUse) are heard from the first. */
    @Override
    public boolean eager() {
        return true;
    }

    @Override
    public List<Class<?>> providerClasses() {
        return AcmInstance.providerClasses();
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new AcmInstance(context);
    }
}
