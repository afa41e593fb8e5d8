package io.gureum.sqs;

import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/**
 * Registers SQS with core: awsJson 1.0 (current SDKs and CLI) and, being query-compatible, form posts
 * of the query protocol (older SDKs). {@link SqsInstance} makes the providers: {@link QueueOperations},
 * {@link QueueTags}, {@link QueuePermissions}, {@link MessageSending}, {@link MessageReceiving} and
 * {@link MoveTasks}.
 */
public final class SqsService implements AwsService {
    @Override
    public String name() {
        return "sqs";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.sqs.SqsClient";
    }

    @Override
    public String xmlNamespace() {
        // The query protocol's responses; JSON ignores it.
        return "http://queue.amazonaws.com/doc/2012-11-05/";
    }

    @Override
    public java.util.List<Class<?>> providerClasses() {
        return SqsInstance.PROVIDERS;
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        return new SqsInstance(context);
    }
}
