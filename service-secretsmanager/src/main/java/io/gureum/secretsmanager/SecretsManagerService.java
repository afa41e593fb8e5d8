package io.gureum.secretsmanager;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;

/**
 * Registers AWS Secrets Manager with core: the awsJson 1.1 API of 2017-10-17 (signing name and target
 * prefix {@code secretsmanager}), answered by the providers of a {@link SecretsInstance}, one per
 * operation family.
 */
public final class SecretsManagerService implements AwsService {
    @Override
    public String name() {
        return "secretsmanager";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return SecretsInstance.providerClasses();
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        return new SecretsInstance(context);
    }
}
