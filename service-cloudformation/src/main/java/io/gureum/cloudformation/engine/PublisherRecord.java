package io.gureum.cloudformation.engine;

import java.time.Instant;

/**
 * An account's registration as a publisher of public extensions (RegisterPublisher): one per account, the same
 * in every Region. Recorded as JSON for {@code --data-dir}.
 */
public final class PublisherRecord {
    public String accountId;
    public String publisherId;
    public String identityProvider;
    public String connectionArn;
    public Instant registered;
}
