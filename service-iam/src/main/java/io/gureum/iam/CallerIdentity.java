package io.gureum.iam;

import io.gureum.core.auth.Accounts;
import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS's answer to "who am I": the provider of {@code GetCallerIdentity}. */
final class CallerIdentity {
    private final ServiceContext context;

    CallerIdentity(ServiceContext context) {
        this.context = context;
    }

    /**
     * Who signed the request. For keys that belong to no IAM user the caller is the account's root
     * user, whose UserId is the account ID itself
     * (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html).
     */
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
}
