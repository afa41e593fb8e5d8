package io.gureum.iam;

import io.gureum.core.protocol.RequestContext;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoRequest;
import software.amazon.awssdk.services.sts.model.GetAccessKeyInfoResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS's answers to "who am I" and "whose key is this": {@code GetCallerIdentity} and {@code GetAccessKeyInfo}. */
final class CallerIdentity {
    private final StsState sts;

    CallerIdentity(StsState sts) {
        this.sts = sts;
    }

    /**
     * Who signed the request (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html):
     * for keys that belong to no IAM user the account's root user, whose UserId is the account ID; an IAM user
     * ({@code AIDA…}); an assumed role ({@code arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION}, UserId
     * {@code AROA…:SESSION}); a federated user ({@code arn:aws:sts::ACCOUNT:federated-user/NAME}, UserId
     * {@code ACCOUNT:NAME}). GetSessionToken's credentials are their user (or root) again.
     */
    public GetCallerIdentityResponse getCallerIdentity(GetCallerIdentityRequest request) {
        StsIdentity caller = sts.caller();
        String account = caller.account() != null ? caller.account() : RequestContext.current().accountId();
        return GetCallerIdentityResponse.builder().account(account).arn(caller.arn()).userId(caller.userId()).build();
    }

    /**
     * The account an access key belongs to (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html):
     * an IAM user's key, temporary credentials, a 12-digit key (that account), and any other key the account
     * Gureum maps it to, which is the default account.
     */
    public GetAccessKeyInfoResponse getAccessKeyInfo(GetAccessKeyInfoRequest request) {
        return GetAccessKeyInfoResponse.builder().account(sts.context.accounts().accountOf(request.accessKeyId()))
                .build();
    }
}
