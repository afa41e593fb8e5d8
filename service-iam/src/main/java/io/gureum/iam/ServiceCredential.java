package io.gureum.iam;

import java.time.Instant;

/**
 * A user's service-specific credential (CodeCommit, Keyspaces, Bedrock, CloudWatch Logs). Only a salted hash of its
 * password or secret is kept: IAM answers the secret only when it is made or reset. Guarded by the account's lock.
 */
final class ServiceCredential {
    final String id;
    final String serviceName;
    final Instant created;
    /** {@code jane-at-123456789012} for password credentials, null for API keys. */
    final String serviceUserName;
    /** The public part of an API key (Bedrock, CloudWatch Logs), null for password credentials. */
    final String alias;
    /** When an API key made with {@code CredentialAgeDays} expires, or null. */
    final Instant expires;
    String secretHash;
    String status = "Active";

    ServiceCredential(String id, String serviceName, Instant created, String serviceUserName, String alias,
            Instant expires, String secretHash) {
        this.id = id;
        this.serviceName = serviceName;
        this.created = created;
        this.serviceUserName = serviceUserName;
        this.alias = alias;
        this.expires = expires;
        this.secretHash = secretHash;
    }

    /** {@code Expired} once an expiring API key's date has passed on the core clock, whatever was set. */
    String status(Instant now) {
        return expires != null && !now.isBefore(expires) ? "Expired" : status;
    }
}
