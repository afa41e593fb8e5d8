package io.gureum.iam;

import software.amazon.awssdk.services.iam.IamClient;

/**
 * IAM operations. None is emulated yet: every one answers 501 NotImplemented naming the operation,
 * through the interface's default methods.
 */
final class IamHandler implements IamClient {
    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // no resources
    }
}
