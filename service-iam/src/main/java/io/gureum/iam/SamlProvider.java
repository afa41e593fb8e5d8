package io.gureum.iam;

import java.time.Instant;

/** An IAM SAML 2.0 identity provider. Guarded by its account's lock. */
final class SamlProvider {
    final String arn;
    final String name;
    final String uuid;
    final Instant created;
    String metadataDocument;
    SamlMetadata metadata;
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    SamlProvider(String arn, String name, String uuid, Instant created) {
        this.arn = arn;
        this.name = name;
        this.uuid = uuid;
        this.created = created;
    }
}
