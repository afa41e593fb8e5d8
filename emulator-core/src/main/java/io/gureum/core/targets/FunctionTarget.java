package io.gureum.core.targets;

/**
 * A Lambda function (or a version or alias of one) as other services see it: SNS subscriptions, S3
 * notifications and event sources invoke through this, never through the Lambda store.
 */
public interface FunctionTarget {

    /**
     * Queues an asynchronous invocation ({@code InvocationType=Event}): the function runs later, with
     * Lambda's retries for asynchronous invocation, and this returns at once.
     *
     * @param payload the event document, JSON
     * @param sourceArn the resource that caused it (a topic, a bucket), for the function's permission check
     * @throws RuntimeException with AWS's error when Lambda refuses the event (too large, no permission …)
     */
    void invokeAsync(byte[] payload, String sourceArn);
}
