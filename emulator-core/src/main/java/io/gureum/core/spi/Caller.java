package io.gureum.core.spi;

import java.util.Objects;

/**
 * Who makes an in-process call ({@link ServiceClients}) and where: the account and region the called
 * operation acts in, and the calling principal — a service principal such as {@code sns.amazonaws.com}
 * when one service acts for another (as SNS delivers to a queue), or an IAM ARN.
 *
 * @param sourceArn the resource on whose behalf a service principal calls (AWS's {@code aws:SourceArn}),
 *     or null
 */
public record Caller(String accountId, String region, String principal, String sourceArn) {

    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(principal, "principal");
    }

    /** A service principal ({@code sns.amazonaws.com}) acting in an account and region. */
    public static Caller service(String servicePrincipal, String accountId, String region, String sourceArn) {
        return new Caller(accountId, region, servicePrincipal, sourceArn);
    }

    /** The account's root user: for embedding and tests that call services directly. */
    public static Caller root(String accountId, String region) {
        return new Caller(accountId, region, "arn:aws:iam::" + accountId + ":root", null);
    }

    /** Whether the principal is an AWS service ({@code *.amazonaws.com}) rather than an IAM identity. */
    public boolean isService() {
        return principal.endsWith(".amazonaws.com");
    }
}
