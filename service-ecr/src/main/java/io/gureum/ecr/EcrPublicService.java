package io.gureum.ecr;

import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.spi.ServiceInstance;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Registers Amazon ECR Public with core: the awsJson 1.1 API of 2020-10-30 (target prefix
 * {@code SpencerFrontendService}, signing name {@code ecr-public}). Its registries (one per account, with a default
 * alias given with the first repository) are separate from ECR's private ones, with a state, a lock, records and
 * a layer directory of their own, but the same behaviour for repositories, images and layers ({@link Images},
 * {@link LayerStore}); errors thrown by that shared behaviour as ECR's exceptions are answered as ECR Public's
 * of the same name ({@link PublicErrors#translate}). The API is served only in us-east-1: any other region is
 * answered {@code UnsupportedCommandException} "&lt;Operation&gt; command is only supported in us-east-1.", as
 * the us-west-2 endpoint answers (the other regions have no endpoint at all).
 */
public final class EcrPublicService implements AwsService {
    /** The one region of ECR Public's API (https://docs.aws.amazon.com/general/latest/gr/ecr-public.html). */
    static final String REGION = "us-east-1";

    @Override
    public String name() {
        return "ecr-public";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.ecrpublic.EcrPublicClient";
    }

    @Override
    public List<Class<?>> providerClasses() {
        return List.of(PublicRepositories.class, PublicImages.class, PublicRegistries.class);
    }

    @Override
    public ServiceInstance create(ServiceContext context) {
        EcrState state = new EcrState(context, "ecr-public");
        PublicRegistries registries = new PublicRegistries(state);
        List<Object> providers = List.of(new PublicRepositories(state, registries), new PublicImages(state,
                registries), registries);
        EcrRecords records = new EcrRecords(context.state(), state);
        OperationInterceptor serialised = call -> {
            String region = RequestContext.current().region();
            if (!REGION.equals(region)) {
                throw PublicErrors.unsupported(call.operation());
            }
            state.lock.lock();
            try {
                return records.intercept(call);
            } catch (AwsServiceException e) {
                throw PublicErrors.translate(e);
            } finally {
                state.lock.unlock();
            }
        };
        // Repository logos (logoUrl) under /_gureum/ecr-public/logos/.
        return new EcrInstance(state, records, providers, serialised, request -> PublicLogos.serve(state, request),
                request -> null, () -> { });
    }
}
