package io.gureum.lambda;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** AWS Lambda's operations. Operations not overridden here answer 501 {@code NotImplemented}. */
final class LambdaHandler implements LambdaClient {
    private final ServiceContext context;

    LambdaHandler(ServiceContext context) {
        this.context = context;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
