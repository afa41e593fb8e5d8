package io.gureum.sqs;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;

/**
 * Registers SQS with core: awsJson 1.0 (current SDKs and CLI) and, being query-compatible, form posts
 * of the query protocol (older SDKs), both answered by {@link SqsHandler}.
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
        return java.util.List.of(SqsHandler.class);
    }

    @Override
    public io.gureum.core.spi.ServiceInstance create(ServiceContext context) {
        SqsHandler handler = new SqsHandler(context);
        return new io.gureum.core.spi.ServiceInstance() {
            @Override
            public java.util.List<Object> providers() {
                return java.util.List.of(handler);
            }

            @Override
            public AwsHttpResponse adminRequest(AwsHttpRequest request) {
                return handler.admin().handle(request);
            }

            @Override
            public void close() {
                handler.close();
            }
        };
    }

}
