package io.gureum.iam;

import io.gureum.core.persist.StateRecord;
import io.gureum.core.persist.StateStore;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * IAM's records for {@code --data-dir} ({@link IamRecordValues}): every role, user (with its access keys,
 * login profile, certificates and SSH keys), group, customer managed policy, AWS managed policy in use,
 * instance profile, identity provider, MFA device and server certificate of an account, and the account's
 * settings, each under its ID in the account (region empty: IAM is global).
 *
 * <p>IAM's operations lock the account they change. {@link IamService} holds that lock around every
 * operation that may change something and then calls {@link #record}: the account's entities are read again
 * and those whose JSON differs from what was last written are recorded, those gone deleted. An account has
 * tens of entities, so reading them all is cheap next to the journal's write.
 */
final class IamRecords {
    static final String SERVICE = "iam";
    static final String ROLE = "role";
    static final String USER = "user";
    static final String GROUP = "group";
    static final String POLICY = "policy";
    static final String AWS_POLICY = "aws-policy";
    static final String INSTANCE_PROFILE = "instance-profile";
    static final String SAML = "saml-provider";
    static final String OIDC = "oidc-provider";
    static final String MFA = "mfa-device";
    static final String CERTIFICATE = "server-certificate";
    static final String ACCOUNT = "account";

    private final StateStore state;
    private final IamStore store;
    /** What each record of an account held when last written, by "kind|key". Guarded by the account's lock. */
    private final Map<String, Map<String, byte[]>> written = new ConcurrentHashMap<>();

    IamRecords(StateStore state, IamStore store) {
        this.state = state;
        this.store = store;
    }

    boolean enabled() {
        return state.enabled();
    }

    /** Writes what differs from the account's last records and deletes those of what is gone. Takes the account's lock. */
    void record(IamStore.Account account) {
        if (!state.enabled()) {
            return;
        }
        synchronized (account) {
            Map<String, byte[]> before = written.computeIfAbsent(account.id, a -> new HashMap<>());
            Map<String, Boolean> seen = new HashMap<>();
            each(account, (kind, key, value) -> {
                String name = kind + "|" + key;
                seen.put(name, Boolean.TRUE);
                byte[] json = StateRecord.of(SERVICE, account.id, "", kind, key, value).value();
                if (!Arrays.equals(before.get(name), json)) {
                    state.put(SERVICE, account.id, "", kind, key, value);
                    before.put(name, json);
                }
            });
            for (var it = before.keySet().iterator(); it.hasNext();) {
                String name = it.next();
                if (!seen.containsKey(name)) {
                    String[] p = name.split("\\|", 2);
                    state.delete(SERVICE, account.id, "", p[0], p[1]);
                    it.remove();
                }
            }
        }
    }

    /** Records every account (after an STS call, which may touch a role's or an MFA device's use in any account). */
    void recordAll() {
        if (state.enabled()) {
            store.forEachAccount(this::record);
        }
    }

    /** Every record of every account, for a snapshot (each account under its lock). */
    void capture(Consumer<StateRecord> sink) {
        store.forEachAccount(account -> {
            synchronized (account) {
                each(account, (kind, key, value) -> sink.accept(StateRecord.of(SERVICE, account.id, "", kind, key,
                        value)));
            }
        });
    }

    /** Rebuilds the accounts from their records, then remembers what they hold as written. */
    void restore(List<StateRecord> records, io.gureum.core.spi.ServiceContext context) {
        Map<String, List<StateRecord>> byAccount = new LinkedHashMap<>();
        for (StateRecord r : records) {
            byAccount.computeIfAbsent(r.account(), a -> new java.util.ArrayList<>()).add(r);
        }
        byAccount.forEach((id, list) -> {
            IamStore.Account account = store.account(id);
            synchronized (account) {
                IamRestore.restore(account, list, store, context);
                Map<String, byte[]> now = written.computeIfAbsent(id, a -> new HashMap<>());
                each(account, (kind, key, value) -> now.put(kind + "|" + key,
                        StateRecord.of(SERVICE, id, "", kind, key, value).value()));
            }
        });
    }

    @FunctionalInterface
    private interface Sink {
        void accept(String kind, String key, Object value);
    }

    /** Every entity of the account as (kind, key, value). Caller holds the account's lock. */
    private static void each(IamStore.Account a, Sink sink) {
        a.roles.values().forEach(r -> sink.accept(ROLE, r.id, IamRecordValues.RoleValue.of(r)));
        a.users.values().forEach(u -> sink.accept(USER, u.id, IamRecordValues.UserValue.of(u)));
        a.groups.values().forEach(g -> sink.accept(GROUP, g.id, IamRecordValues.GroupValue.of(g)));
        a.policies.values().forEach(p -> sink.accept(POLICY, p.arn, IamRecordValues.PolicyValue.of(p)));
        a.awsPolicies.values().stream().filter(p -> p.attachments > 0 || p.boundaryUses > 0).forEach(p -> sink.accept(
                AWS_POLICY, p.arn, new IamRecordValues.AwsPolicyUse(p.arn, p.attachments, p.boundaryUses)));
        a.instanceProfiles.values().forEach(ip -> sink.accept(INSTANCE_PROFILE, ip.id,
                IamRecordValues.InstanceProfileValue.of(ip)));
        a.samlProviders.values().forEach(p -> sink.accept(SAML, p.arn, IamRecordValues.SamlValue.of(p)));
        a.oidcProviders.values().forEach(p -> sink.accept(OIDC, p.arn, IamRecordValues.OidcValue.of(p)));
        a.mfaDevices.values().forEach(d -> sink.accept(MFA, d.serial, IamRecordValues.MfaValue.of(d)));
        a.serverCertificates.values().forEach(c -> sink.accept(CERTIFICATE, c.id,
                IamRecordValues.CertificateValue.of(c)));
        IamRecordValues.AccountValue settings = IamRecordValues.AccountValue.of(a);
        if (!settings.empty()) {
            sink.accept(ACCOUNT, "settings", settings);
        }
    }
}
