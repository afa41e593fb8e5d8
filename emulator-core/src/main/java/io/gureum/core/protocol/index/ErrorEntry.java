package io.gureum.core.protocol.index;

/**
 * A modeled error: the wire code, the SDK exception class that stands for it, and its HTTP status.
 * Query-compatible JSON services (SQS) also have a legacy query code and status, sent in the
 * {@code x-amzn-query-error} header and used when the service is called over the query protocol.
 *
 * @param queryCode the legacy awsQuery code, or null
 * @param queryStatus the legacy code's HTTP status, or 0
 */
public record ErrorEntry(String code, String exceptionClass, int status, String queryCode, int queryStatus) {

    public ErrorEntry(String code, String exceptionClass, int status) {
        this(code, exceptionClass, status, null, 0);
    }

    public ErrorEntry withQueryError(String legacyCode, int legacyStatus) {
        return new ErrorEntry(code, exceptionClass, status, legacyCode, legacyStatus);
    }
}
