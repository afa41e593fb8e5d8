package io.gureum.organizations;

import java.time.Instant;

/** A CreateAccount request: IN_PROGRESS until the core clock reaches {@code due}, then SUCCEEDED. */
final class AccountCreation {
    final String id;
    final String accountName;
    final String email;
    final String roleName;
    final String accountId;
    final Instant requested;
    final Instant due;
    final java.util.List<software.amazon.awssdk.services.organizations.model.Tag> tags;
    String state = "IN_PROGRESS";
    /** Set when the request is bound to fail (EMAIL_ALREADY_EXISTS); it does so when due. */
    String failureReason;
    Instant completed;

    AccountCreation(String id, String accountName, String email, String roleName, String accountId, Instant requested,
            Instant due, java.util.List<software.amazon.awssdk.services.organizations.model.Tag> tags) {
        this.tags = tags;
        this.id = id;
        this.accountName = accountName;
        this.email = email;
        this.roleName = roleName;
        this.accountId = accountId;
        this.requested = requested;
        this.due = due;
    }
}
