package io.gureum.lambda;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import io.gureum.lambda.runtime.ProcessRunner;

/**
 * Registers Lambda with core: the restJson1 API of 2015-03-31, answered by {@link LambdaHandler}, and
 * Gureum's Lambda endpoints under {@code /_gureum/lambda/} ({@link LambdaAdmin}).
 */
public final class LambdaService implements AwsService {
    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.lambda.LambdaClient";
    }

    @Override
    public Object createHandler(ServiceContext context) {
        return new LambdaHandler(context, dir -> new ProcessRunner(() -> context.endpoint().uri(), dir));
    }

    /** The code download of GetFunction's {@code Code.Location} and the invocation logs. */
    @Override
    public AwsHttpResponse adminRequest(Object handler, AwsHttpRequest request) {
        return ((LambdaHandler) handler).admin().handle(request);
    }
}
