package io.gureum.iam;

import io.gureum.core.spi.ServiceContext;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesRequest;
import software.amazon.awssdk.services.iam.model.SetSecurityTokenServicePreferencesResponse;

/**
 * SetSecurityTokenServicePreferences: which token version STS's global endpoint issues in this account
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_enable-regions.html), shown by
 * GetAccountSummary as {@code GlobalEndpointTokenVersion} (1 until set). Gureum's session tokens work in every
 * region whatever the version.
 */
final class SecurityTokenServicePreferences extends Family {
    SecurityTokenServicePreferences(ServiceContext context, IamStore store) {
        super(context, store);
    }

    public SetSecurityTokenServicePreferencesResponse setSecurityTokenServicePreferences(
            SetSecurityTokenServicePreferencesRequest r) {
        IamStore.Account account = account();
        synchronized (account) {
            // The model's enum: v1Token or v2Token (core has checked it).
            account.globalEndpointTokenVersion = r.globalEndpointTokenVersionAsString().equals("v2Token") ? 2 : 1;
            return SetSecurityTokenServicePreferencesResponse.builder().build();
        }
    }
}
