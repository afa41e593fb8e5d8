package io.gureum.acm;

import java.time.Instant;
import software.amazon.awssdk.services.acm.model.ExpiryEventsConfiguration;
import software.amazon.awssdk.services.acm.model.GetAccountConfigurationRequest;
import software.amazon.awssdk.services.acm.model.GetAccountConfigurationResponse;
import software.amazon.awssdk.services.acm.model.PutAccountConfigurationRequest;
import software.amazon.awssdk.services.acm.model.PutAccountConfigurationResponse;

/**
 * GetAccountConfiguration and PutAccountConfiguration: the days before expiry at which ACM starts its daily
 * expiry events (1 to 45, 45 by default). A token used again within an hour is the same request: ACM
 * "returns the original result" and changes nothing.
 */
final class AccountConfigurations {
    private final AcmStores stores;

    AccountConfigurations(AcmStores stores) {
        this.stores = stores;
    }

    public GetAccountConfigurationResponse getAccountConfiguration(GetAccountConfigurationRequest r) {
        return GetAccountConfigurationResponse.builder().expiryEvents(ExpiryEventsConfiguration.builder()
                .daysBeforeExpiry(stores.current().daysBeforeExpiry).build()).build();
    }

    public PutAccountConfigurationResponse putAccountConfiguration(PutAccountConfigurationRequest r) {
        if (r.idempotencyToken() == null) {
            throw AcmErrors.constraint("null", "idempotencyToken", "Member must not be null");
        }
        if (!r.idempotencyToken().matches("\\w{1,32}")) {
            throw AcmErrors.constraint(r.idempotencyToken(), "idempotencyToken",
                    "Member must satisfy regular expression pattern: \\w+");
        }
        Integer days = r.expiryEvents() == null ? null : r.expiryEvents().daysBeforeExpiry();
        if (days != null && (days < 1 || days > 45)) {
            throw AcmErrors.validation("DaysBeforeExpiry must be between 1 and 45 (was " + days + ").");
        }
        AcmStore store = stores.current();
        Instant now = stores.now();
        store.configTokens.values().removeIf(t -> !now.isBefore(t.at().plus(Requests.TOKEN_LIFETIME)));
        if (store.configTokens.containsKey(r.idempotencyToken())) {
            return PutAccountConfigurationResponse.builder().build();
        }
        store.configTokens.put(r.idempotencyToken(), new AcmStore.TokenUse(now, days));
        if (days != null) {
            store.daysBeforeExpiry = days;
        }
        return PutAccountConfigurationResponse.builder().build();
    }
}
