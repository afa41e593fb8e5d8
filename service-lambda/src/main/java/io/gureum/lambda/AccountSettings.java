package io.gureum.lambda;

import software.amazon.awssdk.services.lambda.model.AccountLimit;
import software.amazon.awssdk.services.lambda.model.AccountUsage;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsRequest;
import software.amazon.awssdk.services.lambda.model.GetAccountSettingsResponse;

/**
 * Provider of GetAccountSettings: the default quotas
 * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html) and the caller's usage.
 */
final class AccountSettings {
    /** The default quota of code storage: 75 GB. */
    static final long TOTAL_CODE_SIZE = 80_530_636_800L;

    private final FunctionLookup lookup;

    AccountSettings(FunctionLookup lookup) {
        this.lookup = lookup;
    }

    public GetAccountSettingsResponse getAccountSettings(GetAccountSettingsRequest request) {
        long codeSize = 0;
        int reserved = 0;
        long count = 0;
        for (LambdaFunction f : lookup.current().functions.values()) {
            count++;
            synchronized (f) {
                codeSize += f.latest.code().size();
                for (FunctionVersion v : f.versions.values()) {
                    codeSize += v.code().size();
                }
            }
            if (f.reservedConcurrency != null) {
                reserved += f.reservedConcurrency;
            }
        }
        return GetAccountSettingsResponse.builder()
                .accountLimit(AccountLimit.builder().totalCodeSize(TOTAL_CODE_SIZE)
                        .codeSizeUnzipped(CodeStore.MAX_UNZIPPED).codeSizeZipped(CodeStore.MAX_ZIPPED)
                        .concurrentExecutions(Concurrency.ACCOUNT_CONCURRENCY)
                        .unreservedConcurrentExecutions(Concurrency.ACCOUNT_CONCURRENCY - reserved).build())
                .accountUsage(AccountUsage.builder().totalCodeSize(codeSize).functionCount(count).build())
                .build();
    }
}
