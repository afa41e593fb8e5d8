package io.gureum.sns;

import io.gureum.core.http.AwsHttpRequest;
import io.gureum.core.http.AwsHttpResponse;
import io.gureum.core.spi.AwsService;
import io.gureum.core.spi.ServiceContext;
import java.util.Set;

/** Registers SNS (query protocol, API version 2010-03-31) with core. */
public final class SnsService implements AwsService {
    @Override
    public String name() {
        return "sns";
    }

    @Override
    public String clientInterface() {
        return "software.amazon.awssdk.services.sns.SnsClient";
    }

    @Override
    public String xmlNamespace() {
        return "http://sns.amazonaws.com/doc/2010-03-31/";
    }

    @Override
    public Object createHandler(ServiceContext context) {
        return new SnsHandler(context);
    }

    /**
     * Outputs with a result wrapper and no members (botocore's sns service-2.json): answered with an
     * empty {@code <ActionResult/>}, which boto3 requires.
     */
    @Override
    public Set<String> emptyResultOperations() {
        return Set.of("TagResource", "UntagResource", "OptInPhoneNumber", "SetSMSAttributes",
                "CreateSMSSandboxPhoneNumber", "DeleteSMSSandboxPhoneNumber", "VerifySMSSandboxPhoneNumber");
    }

    /** Gureum's inspection endpoints for tests, under {@code /_gureum/sns/}. */
    @Override
    public AwsHttpResponse adminRequest(Object handler, AwsHttpRequest request) {
        return ((SnsHandler) handler).admin().handle(request);
    }
}
