package io.gureum.events;

import java.time.Instant;
import software.amazon.awssdk.services.eventbridge.model.ConnectionAuthResponseParameters;

/**
 * One connection: how API destinations authorize. Its credentials are only in its Secrets Manager secret
 * ({@code events!connection/<name>/<id>}); {@link #authParameters} is what DescribeConnection shows (no
 * password, API key value, client secret or secret parameter value).
 */
final class Connection {
    final String name;
    final String arn;
    final Instant creationTime;
    volatile String description;
    volatile String authorizationType;
    volatile String state;
    volatile String stateReason;
    volatile String secretArn;
    volatile String kmsKeyIdentifier;
    volatile String connectivityResource;
    volatile ConnectionAuthResponseParameters authParameters;
    volatile Instant lastModifiedTime;
    volatile Instant lastAuthorizedTime;
    /** The OAuth access token last obtained (memory only: obtained again after a restart), or null. */
    volatile String accessToken;
    /** Bumped at each change of credentials, so that an authorization started for older ones is dropped. */
    volatile long generation;

    Connection(String name, String arn, Instant creationTime) {
        this.name = name;
        this.arn = arn;
        this.creationTime = creationTime;
        this.lastModifiedTime = creationTime;
    }

    /** The ID at the end of the ARN, also the end of the secret's name. */
    String id() {
        return arn.substring(arn.lastIndexOf('/') + 1);
    }
}
