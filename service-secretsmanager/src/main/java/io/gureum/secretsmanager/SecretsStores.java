package io.gureum.secretsmanager;

import io.gureum.core.ids.Arn;
import io.gureum.core.protocol.RequestContext;
import io.gureum.core.spi.ServiceContext;
import io.gureum.core.state.AccountRegionStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The state of every account and region, the caller's share of it, the lock every operation takes
 * ({@link StoreLock}), core's clock and the registry that holds the secrets' tags.
 */
final class SecretsStores {
    static final String SERVICE = "secretsmanager";
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    final AccountRegionStore<SecretsStore> all = new AccountRegionStore<>(SecretsStore::new);
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    final ServiceContext context;

    SecretsStores(ServiceContext context) {
        this.context = context;
    }

    /** The store of the request's account and region. */
    SecretsStore current() {
        RequestContext ctx = RequestContext.current();
        return all.get(ctx.accountId(), ctx.region());
    }

    /**
     * The store a {@code SecretId} points into: for the full ARN of another account's secret (in the
     * caller's region), that account's, else the caller's. "To access a secret in a different account
     * … use the full ARN" (https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_examples_cross.html);
     * the secret's resource policy decides under the authorizer.
     */
    SecretsStore forSecret(String secretId) {
        RequestContext ctx = RequestContext.current();
        if (secretId != null && secretId.startsWith("arn:")) {
            try {
                io.gureum.core.ids.Arn arn = io.gureum.core.ids.Arn.parse(secretId);
                if (arn.service().equals(SERVICE) && arn.region().equals(ctx.region())
                        && arn.accountId().matches("\\d{12}")) {
                    return all.get(arn.accountId(), arn.region());
                }
            } catch (IllegalArgumentException e) {
                // not an ARN: the caller's store answers not found
            }
        }
        return all.get(ctx.accountId(), ctx.region());
    }

    SecretsStore store(String account, String region) {
        return all.get(account, region);
    }

    Instant now() {
        return context.clock().now();
    }

    /**
     * A secret's ARN: its name, a hyphen and six random letters and digits
     * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_iam-permissions.html#iam-resources),
     * so a secret deleted and created again under its name gets a new ARN. The characters come from core's ID
     * source (its secret-key alphabet without '+' and '/').
     */
    Arn newArn(String account, String region, String name) {
        StringBuilder suffix = new StringBuilder(6);
        while (suffix.length() < 6) {
            for (char c : context.ids().secretAccessKey().toCharArray()) {
                if (suffix.length() < 6 && new String(ALPHANUMERIC).indexOf(c) >= 0) {
                    suffix.append(c);
                }
            }
        }
        return Arn.of(SERVICE, region, account, "secret:" + name + "-" + suffix);
    }

    /** Adds a new secret to its store and its tags to core's registry. */
    void add(Secret secret) {
        secret.tags.attach(context.registry(), secret.account, secret.region, SERVICE, secret.name, secret.arn);
        store(secret.account, secret.region).byName.put(secret.name, secret);
    }

    /** Deletes a secret for good (and its replicas with it). */
    void remove(Secret secret) {
        for (Secret.Replica r : new ArrayList<>(secret.replicas.values())) {
            Secret replica = store(secret.account, r.region).byName.get(secret.name);
            if (replica != null && replica.primary == secret) {
                remove(replica);
            }
        }
        secret.replicas.clear();
        if (secret.primary != null) {
            secret.primary.replicas.remove(secret.region);
        }
        store(secret.account, secret.region).byName.remove(secret.name, secret);
        context.registry().unregister(secret.arn);
    }

    /** Deletes for good every secret whose recovery window has ended (AWS does so some time after). */
    void purgeDue() {
        Instant now = now();
        List<Secret> due = new ArrayList<>();
        all.forEach((key, store) -> store.byName.values().forEach(s -> {
            if (s.deletionDate != null && !s.deletionDate.isAfter(now)) {
                due.add(s);
            }
        }));
        due.forEach(this::remove);
    }
}
