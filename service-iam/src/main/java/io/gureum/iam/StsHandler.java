package io.gureum.iam;

import io.gureum.core.auth.Accounts;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * STS operations. Those not overridden here answer 501 NotImplemented (the interface's default
 * methods throw {@code UnsupportedOperationException}).
 */
final class StsHandler implements StsClient {
    private final ServiceContext context;

    StsHandler(ServiceContext context) {
        this.context = context;
    }

    /**
     * Who signed the request. For keys that belong to no IAM user the caller is the account's root
     * user, whose UserId is the account ID itself
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
     */
    @Override
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        RequestContext ctx = RequestContext.current();
        String account = ctx.accountId();
        Accounts.AccessKey known = context.accounts().lookup(ctx.accessKeyId()).orElse(null);
        if (known != null && known.principalArn() != null) {
            // An IAM user's UserId is the user's unique ID (AIDA…), which IAM registers with core.
            String userId = context.registry().byArn(Arn.parse(known.principalArn()))
                    .map(r -> r.id()).orElse(known.accessKeyId());
            return GetCallerIdentityResponse.builder()
                    .account(known.accountId())
                    .arn(known.principalArn())
                    .userId(userId)
                    .build();
        }
        String partition = context.topology().partitionOf(ctx.region()).id();
        return GetCallerIdentityResponse.builder()
                .account(account)
                .arn(Arn.of(partition, "iam", "", account, "root").toString())
                .userId(account)
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // no resources
    }
}
