package io.gureum.cloudformation.resource.certificatemanager;

import io.gureum.cloudformation.resource.Created;
import io.gureum.cloudformation.resource.ResourceHandler;
import io.gureum.cloudformation.resource.ResourceRequest;
import io.gureum.cloudformation.resource.common.Served;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.acm.AcmClient;

/**
 * {@code AWS::CertificateManager::Account}
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-certificatemanager-account.html):
 * the account's ACM configuration in the stack's region. {@code Ref} and {@code Fn::GetAtt AccountId} are the
 * account ID. {@code ExpiryEventsConfiguration} changes in place (PutAccountConfiguration with a fresh idempotency
 * token); delete puts back ACM's default, expiry events from 45 days before expiry.
 */
public final class AccountHandler implements ResourceHandler {
    private static final Set<String> SERVED = Set.of("ExpiryEventsConfiguration");
    private static final int DEFAULT_DAYS = 45;

    @Override
    public String type() {
        return "AWS::CertificateManager::Account";
    }

    @Override
    public Set<String> replacementProperties() {
        return Set.of();
    }

    private static void put(ResourceRequest r, Integer days) {
        String token = UUID.randomUUID().toString().replace("-", "");
        r.client(AcmClient.class).putAccountConfiguration(b -> b.idempotencyToken(token)
                .expiryEvents(e -> e.daysBeforeExpiry(days)));
    }

    private static Integer days(ResourceRequest r) {
        var config = r.property("ExpiryEventsConfiguration");
        if (config == null || !config.hasNonNull("DaysBeforeExpiry")) {
            return DEFAULT_DAYS;
        }
        return config.get("DaysBeforeExpiry").asInt();
    }

    @Override
    public Created create(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, days(r));
        String account = r.stack().accountId();
        return Created.of(account).attribute("AccountId", account);
    }

    @Override
    public Created update(ResourceRequest r) {
        Served.check(r, SERVED);
        put(r, days(r));
        return Created.of(r.physicalId()).attribute("AccountId", r.physicalId());
    }

    @Override
    public void delete(ResourceRequest r) {
        put(r, DEFAULT_DAYS);
    }
}
