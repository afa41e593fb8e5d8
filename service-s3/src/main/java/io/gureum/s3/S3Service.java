package io.gureum.s3;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
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

    /** CORS preflight: {@code OPTIONS} is no S3 operation, but S3 answers it from the bucket's rules. */
    @Override
    public AwsHttpResponse preOperation(Object handler, AwsHttpRequest request) {
        return ((S3Handler) handler).cors().preflight(request);
    }

    @Override
    public void decorateResponse(Object handler, AwsHttpRequest request, AwsHttpResponse response) {
        ((S3Handler) handler).cors().decorate(request, response);
    }
}
