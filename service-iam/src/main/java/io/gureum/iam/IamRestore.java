package io.gureum.iam;

import io.gureum.core.ids.Arn;
import io.gureum.core.persist.StateRecord;
import io.gureum.core.spi.ServiceContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds one IAM account from its records ({@link IamRecords}): entities first, then what points at them
 * (group members, instance profiles' roles, MFA devices' users), the server-wide access key and alias indexes,
 * and every taggable entity's registration in core's registry (ADR 0008).
 */
final class IamRestore {
    private IamRestore() {
    }

    /** Caller holds the account's lock. */
    static void restore(IamStore.Account account, List<StateRecord> records, IamStore store, ServiceContext context) {
        Map<String, User> usersById = new HashMap<>();
        Map<String, Role> rolesById = new HashMap<>();
        for (StateRecord r : records) {
            switch (r.kind()) {
                case IamRecords.ROLE -> {
                    Role role = r.value(IamRecordValues.RoleValue.class).toRole();
                    account.roles.put(IamStore.key(role.name), role);
                    rolesById.put(role.id, role);
                    register(context, account, role.id, role.arn, role.tags);
                }
                case IamRecords.USER -> {
                    User user = user(r.value(IamRecordValues.UserValue.class), account, store);
                    account.users.put(IamStore.key(user.name), user);
                    usersById.put(user.id, user);
                    register(context, account, user.id, user.arn, user.tags);
                }
                case IamRecords.POLICY -> {
                    ManagedPolicy p = r.value(IamRecordValues.PolicyValue.class).toPolicy();
                    account.policies.put(p.arn, p);
                    register(context, account, p.id, p.arn, p.tags);
                }
                case IamRecords.AWS_POLICY -> awsPolicy(account, r.value(IamRecordValues.AwsPolicyUse.class));
                case IamRecords.SAML -> {
                    SamlProvider p = r.value(IamRecordValues.SamlValue.class).toProvider();
                    account.samlProviders.put(p.arn, p);
                    register(context, account, p.arn, p.arn, p.tags);
                }
                case IamRecords.OIDC -> {
                    OidcProvider p = r.value(IamRecordValues.OidcValue.class).toProvider();
                    account.oidcProviders.put(p.arn, p);
                    register(context, account, p.arn, p.arn, p.tags);
                }
                case IamRecords.CERTIFICATE -> {
                    ServerCertificateRecord c = r.value(IamRecordValues.CertificateValue.class).toCertificate();
                    account.serverCertificates.put(IamStore.key(c.name), c);
                    register(context, account, c.id, c.arn, c.tags);
                }
                case IamRecords.ACCOUNT -> settings(account, r.value(IamRecordValues.AccountValue.class), store);
                default -> {
                    // Kinds that point at users or roles are read in the second pass.
                }
            }
        }
        for (StateRecord r : records) {
            switch (r.kind()) {
                case IamRecords.GROUP -> {
                    IamRecordValues.GroupValue v = r.value(IamRecordValues.GroupValue.class);
                    var p = v.principal();
                    Group group = new Group(p.name(), p.path(), p.id(), p.arn(), p.created());
                    p.applyTo(group);
                    v.memberIds().stream().map(usersById::get).filter(u -> u != null).forEach(group.users::add);
                    account.groups.put(IamStore.key(group.name), group);
                }
                case IamRecords.INSTANCE_PROFILE -> {
                    IamRecordValues.InstanceProfileValue v = r.value(IamRecordValues.InstanceProfileValue.class);
                    InstanceProfile ip = new InstanceProfile(v.name(), v.path(), v.id(), v.arn(), v.created());
                    v.roleIds().stream().map(rolesById::get).filter(x -> x != null).forEach(ip.roles::add);
                    ip.tags.putAll(v.tags());
                    account.instanceProfiles.put(IamStore.key(ip.name), ip);
                    register(context, account, ip.id, ip.arn, ip.tags);
                }
                case IamRecords.MFA -> {
                    IamRecordValues.MfaValue v = r.value(IamRecordValues.MfaValue.class);
                    MfaDevice d = new MfaDevice(v.serial(), v.name(), v.path(), v.base32Seed(), v.created());
                    d.user = v.userId() == null ? null : usersById.get(v.userId());
                    d.enabled = v.enabled();
                    d.drift = v.drift();
                    d.lastUsedStep = v.lastUsedStep();
                    d.tags.putAll(v.tags());
                    account.mfaDevices.put(d.serial, d);
                    register(context, account, d.serial, d.serial, d.tags);
                }
                default -> {
                }
            }
        }
    }

    private static User user(IamRecordValues.UserValue v, IamStore.Account account, IamStore store) {
        var p = v.principal();
        User user = new User(p.name(), p.path(), p.id(), p.arn(), p.created());
        p.applyTo(user);
        for (IamRecordValues.KeyValue k : v.keys()) {
            AccessKey key = new AccessKey(k.id(), k.secret(), account.id, user, k.created());
            key.status = k.status();
            key.lastUsed = k.lastUsed();
            user.keys.put(key.id, key);
            store.addKey(key);
        }
        user.loginProfile = v.loginProfile();
        v.signingCertificates().forEach(c -> user.signingCertificates.put(c.id(), c.toCredential()));
        v.sshPublicKeys().forEach(c -> user.sshPublicKeys.put(c.id(), c.toCredential()));
        user.passwordLastUsed = v.passwordLastUsed();
        if (v.serviceCredentials() != null) {
            v.serviceCredentials().forEach(c -> user.serviceCredentials.put(c.id(), c.toCredential()));
        }
        return user;
    }

    /** An AWS managed policy as this account saw it (from the catalog), with the account's use counts. */
    private static void awsPolicy(IamStore.Account account, IamRecordValues.AwsPolicyUse use) {
        AwsManagedPolicies.find(use.arn()).ifPresent(e -> {
            ManagedPolicy p = new ManagedPolicy(e.name(), e.path(), e.id(), use.arn(), e.description(),
                    AwsManagedPolicies.CREATED, true);
            p.versions.put("v1", new ManagedPolicy.Version("v1", e.document(), AwsManagedPolicies.CREATED));
            p.attachments = use.attachments();
            p.boundaryUses = use.boundaryUses();
            account.awsPolicies.put(use.arn(), p);
        });
    }

    private static void settings(IamStore.Account account, IamRecordValues.AccountValue v, IamStore store) {
        account.alias = v.alias();
        if (v.alias() != null) {
            store.aliases.put(v.alias(), account.id);
        }
        account.passwordPolicy = v.passwordPolicy();
        account.deletionTasks.putAll(v.deletionTasks());
        account.credentialReport = v.credentialReport();
        account.accessJobs.putAll(v.accessJobs());
        if (v.globalEndpointTokenVersion() != null) {
            account.globalEndpointTokenVersion = v.globalEndpointTokenVersion();
        }
        if (v.orgAccessJobs() != null) {
            account.orgAccessJobs.putAll(v.orgAccessJobs());
        }
        account.outboundIssuer = v.outboundIssuer();
        account.outboundFederationEnabled = v.outboundFederationEnabled();
        if (v.organizationFeatures() != null) {
            v.organizationFeatures().forEach((org, f) -> account.organizationFeatures.put(org,
                    new java.util.TreeSet<>(f)));
        }
    }

    private static void register(ServiceContext context, IamStore.Account account, String id, String arn,
            io.gureum.core.state.RegisteredTags tags) {
        tags.attach(context.registry(), account.id, "", "iam", id, Arn.parse(arn));
    }
}
