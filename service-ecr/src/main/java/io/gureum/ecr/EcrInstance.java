package io.gureum.ecr;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import java.util.function.Function;

/**
 * What ECR and ECR Public each make for a running server: their providers behind one interceptor (the state's lock
 * and the records), restore and capture through the records, repositories' owners and policies for the authorizer,
 * and their own HTTP paths: admin paths (ECR's layer downloads, ECR Public's logos) and, for ECR only, the Docker
 * Registry API before the protocol codec.
 */
final class EcrInstance implements ServiceInstance {
    private final EcrState state;
    private final EcrRecords records;
    private final List<Object> providers;
    private final OperationInterceptor serialised;
    private final Function<AwsHttpRequest, AwsHttpResponse> admin;
    private final Function<AwsHttpRequest, AwsHttpResponse> beforeCodec;
    private final Runnable closing;

    EcrInstance(EcrState state, EcrRecords records, List<Object> providers, OperationInterceptor serialised,
            Function<AwsHttpRequest, AwsHttpResponse> admin, Function<AwsHttpRequest, AwsHttpResponse> beforeCodec,
            Runnable closing) {
        this.state = state;
        this.records = records;
        this.providers = providers;
        this.serialised = serialised;
        this.admin = admin;
        this.beforeCodec = beforeCodec;
        this.closing = closing;
    }

    @Override
    public List<Object> providers() {
        return providers;
    }

    @Override
    public List<OperationInterceptor> interceptors() {
        return List.of(serialised);
    }

    @Override
    public void restore(List<io.gureum.core.persist.StateRecord> restored) {
        records.restore(restored);
    }

    @Override
    public void capture(java.util.function.Consumer<io.gureum.core.persist.StateRecord> sink) {
        records.capture(sink);
    }

    /** A repository's owner and repository policy, for the authorizer. */
    @Override
    public io.gureum.core.spi.ResourceAccess resourceAccess(String resourceArn) {
        return state.resourceAccess(resourceArn);
    }

    @Override
    public AwsHttpResponse adminRequest(AwsHttpRequest request) {
        return admin.apply(request);
    }

    @Override
    public AwsHttpResponse preOperation(AwsHttpRequest request) {
        return beforeCodec.apply(request);
    }

    @Override
    public void close() {
        closing.run();
        state.layerStore.close();
    }
}
