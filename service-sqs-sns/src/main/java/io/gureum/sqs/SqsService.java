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
    public Object createHandler(ServiceContext context) {
        return new SqsHandler(context);
    }

    /** Gureum's inspection endpoints for tests, under {@code /_gureum/sqs/}. */
    @Override
    public AwsHttpResponse adminRequest(Object handler, AwsHttpRequest request) {
        return ((SqsHandler) handler).admin().handle(request);
    }
}
