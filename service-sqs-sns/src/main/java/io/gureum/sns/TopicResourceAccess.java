package io.gureum.sns;

import io.gureum.core.spi.ResourceAccess;

/**
 * A topic's owner and its {@code Policy} attribute, by topic ARN of any account, for the authorizer.
 * A topic always has a policy: CreateTopic gives it the default one that allows its owner account the
 * topic's actions (https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html), until
 * SetTopicAttributes replaces it.
 */
final class TopicResourceAccess {
    private final SnsStore store;

    TopicResourceAccess(SnsStore store) {
        this.store = store;
    }

    ResourceAccess of(String arn) {
        if (arn == null || !arn.startsWith("arn:") || !arn.contains(":sns:")) {
            return null;
        }
        Topic t = store.topic(arn);
        return t == null ? null : new ResourceAccess(t.account, t.accessPolicy());
    }
}
