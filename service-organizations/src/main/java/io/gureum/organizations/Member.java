package io.gureum.organizations;

import java.time.Instant;

/** An account of an organization. {@code status} is ACTIVE, SUSPENDED or PENDING_CLOSURE. */
final class Member {
    final String id;
    final String email;
    final String name;
    final String joinedMethod;
    final Instant joined;
    String status = "ACTIVE";
    /** When a closing account (PENDING_CLOSURE) becomes SUSPENDED on the core clock. */
    Instant suspendAt;

    Member(String id, String email, String name, String joinedMethod, Instant joined) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.joinedMethod = joinedMethod;
        this.joined = joined;
    }
}
