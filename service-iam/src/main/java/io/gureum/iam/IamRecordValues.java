package io.gureum.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * IAM's records for {@code --data-dir}, one type per kind of entity, each written as JSON
 * ({@link IamRecords}). Entities that point at others (a group's members, an instance profile's role, an
 * MFA device's user) name them by ID, so a rename (UpdateUser) needs no other record. Times are absolute
 * core-clock instants.
 */
final class IamRecordValues {
    private IamRecordValues() {
    }

    /** What roles, users and groups share. */
    record PrincipalValue(String name, String path, String id, String arn, Instant created, String permissionsBoundary,
            List<String> attached, Map<String, String> inline, Map<String, String> tags) {
        static PrincipalValue of(Principal p) {
            return new PrincipalValue(p.name, p.path, p.id, p.arn, p.created, p.permissionsBoundary,
                    new ArrayList<>(p.attached), new LinkedHashMap<>(p.inline), new LinkedHashMap<>(p.tags));
        }

        void applyTo(Principal p) {
            p.permissionsBoundary = permissionsBoundary;
            p.attached.addAll(attached);
            p.inline.putAll(inline);
            p.tags.putAll(tags);
        }
    }

    record RoleValue(PrincipalValue principal, String trustPolicy, String description, int maxSessionDuration,
            boolean serviceLinked, Instant lastUsed, String lastUsedRegion) {
        static RoleValue of(Role r) {
            return new RoleValue(PrincipalValue.of(r), r.trustPolicy, r.description, r.maxSessionDuration,
                    r.serviceLinked, r.lastUsed, r.lastUsedRegion);
        }

        Role toRole() {
            PrincipalValue p = principal;
            Role r = new Role(p.name(), p.path(), p.id(), p.arn(), p.created());
            p.applyTo(r);
            r.trustPolicy = trustPolicy;
            r.description = description;
            r.maxSessionDuration = maxSessionDuration;
            r.serviceLinked = serviceLinked;
            r.lastUsed = lastUsed;
            r.lastUsedRegion = lastUsedRegion;
            return r;
        }
    }

    /** A long-term access key with its secret (the data directory holds it in clear, as IAM's memory does). */
    record KeyValue(String id, String secret, Instant created, String status, AccessKey.LastUsed lastUsed) {
    }

    record CredentialValue(String id, String body, String fingerprint, Instant uploaded, String status) {
        static CredentialValue of(UserCredential c) {
            return new CredentialValue(c.id, c.body, c.fingerprint, c.uploaded, c.status);
        }

        UserCredential toCredential() {
            UserCredential c = new UserCredential(id, body, fingerprint, uploaded);
            c.status = status;
            return c;
        }
    }

    /** A service-specific credential: its password or secret only as the salted hash IAM keeps. */
    record ServiceCredentialValue(String id, String serviceName, Instant created, String serviceUserName, String alias,
            Instant expires, String secretHash, String status) {
        static ServiceCredentialValue of(ServiceCredential c) {
            return new ServiceCredentialValue(c.id, c.serviceName, c.created, c.serviceUserName, c.alias, c.expires,
                    c.secretHash, c.status);
        }

        ServiceCredential toCredential() {
            ServiceCredential c = new ServiceCredential(id, serviceName, created, serviceUserName, alias, expires,
                    secretHash);
            c.status = status;
            return c;
        }
    }

    /** {@code serviceCredentials} is null in records written before service-specific credentials existed. */
    record UserValue(PrincipalValue principal, List<KeyValue> keys, User.LoginProfile loginProfile,
            List<CredentialValue> signingCertificates, List<CredentialValue> sshPublicKeys, Instant passwordLastUsed,
            List<ServiceCredentialValue> serviceCredentials) {
        static UserValue of(User u) {
            List<KeyValue> keys = new ArrayList<>();
            for (AccessKey k : u.keys.values()) {
                keys.add(new KeyValue(k.id, k.secret, k.created, k.status, k.lastUsed));
            }
            return new UserValue(PrincipalValue.of(u), keys, u.loginProfile,
                    u.signingCertificates.values().stream().map(CredentialValue::of).toList(),
                    u.sshPublicKeys.values().stream().map(CredentialValue::of).toList(), u.passwordLastUsed,
                    u.serviceCredentials.values().stream().map(ServiceCredentialValue::of).toList());
        }
    }

    record GroupValue(PrincipalValue principal, List<String> memberIds) {
        static GroupValue of(Group g) {
            return new GroupValue(PrincipalValue.of(g), g.users.stream().map(u -> u.id).toList());
        }
    }

    /** A customer managed policy with every version. */
    record PolicyValue(String name, String path, String id, String arn, String description, Instant created,
            Instant updated, String defaultVersion, int nextVersion, int attachments, int boundaryUses,
            List<ManagedPolicy.Version> versions, Map<String, String> tags) {
        static PolicyValue of(ManagedPolicy p) {
            return new PolicyValue(p.name, p.path, p.id, p.arn, p.description, p.created, p.updated, p.defaultVersion,
                    p.nextVersion, p.attachments, p.boundaryUses, new ArrayList<>(p.versions.values()),
                    new LinkedHashMap<>(p.tags));
        }

        ManagedPolicy toPolicy() {
            ManagedPolicy p = new ManagedPolicy(name, path, id, arn, description, created, false);
            p.updated = updated;
            p.defaultVersion = defaultVersion;
            p.nextVersion = nextVersion;
            p.attachments = attachments;
            p.boundaryUses = boundaryUses;
            versions.forEach(v -> p.versions.put(v.id(), v));
            p.tags.putAll(tags);
            return p;
        }
    }

    /** An AWS managed policy's use in one account: its document comes from the catalog again. */
    record AwsPolicyUse(String arn, int attachments, int boundaryUses) {
    }

    record InstanceProfileValue(String name, String path, String id, String arn, Instant created, List<String> roleIds,
            Map<String, String> tags) {
        static InstanceProfileValue of(InstanceProfile ip) {
            return new InstanceProfileValue(ip.name, ip.path, ip.id, ip.arn, ip.created,
                    ip.roles.stream().map(r -> r.id).toList(), new LinkedHashMap<>(ip.tags));
        }
    }

    record SamlValue(String arn, String name, String uuid, Instant created, String metadataDocument,
            Map<String, String> tags) {
        static SamlValue of(SamlProvider p) {
            return new SamlValue(p.arn, p.name, p.uuid, p.created, p.metadataDocument, new LinkedHashMap<>(p.tags));
        }

        SamlProvider toProvider() {
            SamlProvider p = new SamlProvider(arn, name, uuid, created);
            p.metadataDocument = metadataDocument;
            p.metadata = metadataDocument == null ? null : SamlMetadata.parse(metadataDocument);
            p.tags.putAll(tags);
            return p;
        }
    }

    record OidcValue(String arn, String url, Instant created, List<String> clientIds, List<String> thumbprints,
            Map<String, String> tags) {
        static OidcValue of(OidcProvider p) {
            return new OidcValue(p.arn, p.url, p.created, new ArrayList<>(p.clientIds), new ArrayList<>(p.thumbprints),
                    new LinkedHashMap<>(p.tags));
        }

        OidcProvider toProvider() {
            OidcProvider p = new OidcProvider(arn, url, created);
            p.clientIds.addAll(clientIds);
            p.thumbprints.addAll(thumbprints);
            p.tags.putAll(tags);
            return p;
        }
    }

    /** A virtual MFA device with its seed (in clear, as IAM's memory holds it). */
    record MfaValue(String serial, String name, String path, String base32Seed, Instant created, String userId,
            Instant enabled, long drift, long lastUsedStep, Map<String, String> tags) {
        static MfaValue of(MfaDevice d) {
            return new MfaValue(d.serial, d.name, d.path, d.base32Seed, d.created, d.user == null ? null : d.user.id,
                    d.enabled, d.drift, d.lastUsedStep, new LinkedHashMap<>(d.tags));
        }
    }

    record CertificateValue(String name, String path, String arn, String id, String body, String chain, Instant uploaded,
            Instant expiration, Map<String, String> tags) {
        static CertificateValue of(ServerCertificateRecord c) {
            return new CertificateValue(c.name, c.path, c.arn, c.id, c.body, c.chain, c.uploaded, c.expiration,
                    new LinkedHashMap<>(c.tags));
        }

        ServerCertificateRecord toCertificate() {
            ServerCertificateRecord c = new ServerCertificateRecord(name, path, arn, id, body, chain, uploaded, expiration);
            c.tags.putAll(tags);
            return c;
        }
    }

    /**
     * The account's own settings: alias, password policy, deletion tasks, the last credential report, access jobs, the
     * STS token version, centralized root access features (as a management account), outbound federation and
     * Organizations access report jobs. The later members are null (false) when unset and in records written before
     * they existed; {@code globalEndpointTokenVersion} is null when 1, the default.
     */
    record AccountValue(String alias, PasswordPolicyRules passwordPolicy, Map<String, String> deletionTasks,
            CredentialReportRecord credentialReport, Map<String, AccessAdvisor.Job> accessJobs,
            Integer globalEndpointTokenVersion, Map<String, List<String>> organizationFeatures,
            String outboundIssuer, boolean outboundFederationEnabled,
            Map<String, OrganizationsAccessReports.Job> orgAccessJobs) {
        static AccountValue of(IamStore.Account a) {
            Map<String, List<String>> features = new java.util.TreeMap<>();
            a.organizationFeatures.forEach((org, f) -> features.put(org, List.copyOf(f)));
            return new AccountValue(a.alias, a.passwordPolicy, new java.util.TreeMap<>(a.deletionTasks),
                    a.credentialReport, new java.util.TreeMap<>(a.accessJobs),
                    a.globalEndpointTokenVersion == 1 ? null : a.globalEndpointTokenVersion,
                    features.isEmpty() ? null : features, a.outboundIssuer, a.outboundFederationEnabled,
                    a.orgAccessJobs.isEmpty() ? null : new java.util.TreeMap<>(a.orgAccessJobs));
        }

        boolean empty() {
            return alias == null && passwordPolicy == null && deletionTasks.isEmpty() && credentialReport == null
                    && accessJobs.isEmpty() && globalEndpointTokenVersion == null
                    && organizationFeatures == null && outboundIssuer == null
                    && orgAccessJobs == null;
        }
    }
}
