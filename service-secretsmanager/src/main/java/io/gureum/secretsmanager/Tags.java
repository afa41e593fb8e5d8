package io.gureum.secretsmanager;

import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.TagResourceResponse;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceRequest;
import software.amazon.awssdk.services.secretsmanager.model.UntagResourceResponse;

/**
 * TagResource and UntagResource. Tags live in core's resource registry (so the Resource Groups Tagging API
 * sees them); untagging a key the secret does not have is not an error (API_UntagResource.html).
 */
final class Tags {
    private final SecretsStores stores;

    Tags(SecretsStores stores) {
        this.stores = stores;
    }

    public TagResourceResponse tagResource(TagResourceRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        for (Tag t : r.tags()) {
            secret.tags.put(t.key(), t.value());
        }
        secret.lastChangedDate = stores.now();
        return TagResourceResponse.builder().build();
    }

    public UntagResourceResponse untagResource(UntagResourceRequest r) {
        Secret secret = SecretLookup.writable(stores.forSecret(r.secretId()), r.secretId());
        r.tagKeys().forEach(secret.tags::remove);
        secret.lastChangedDate = stores.now();
        return UntagResourceResponse.builder().build();
    }
}
