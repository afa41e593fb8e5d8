package io.gureum.iam;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An IAM OpenID Connect identity provider. Guarded by its account's lock. */
final class OidcProvider {
    final String arn;
    /** The issuer without its {@code https://} scheme, as IAM answers it: {@code token.actions.githubusercontent.com}. */
    final String url;
    final Instant created;
    final List<String> clientIds = new ArrayList<>();
    final List<String> thumbprints = new ArrayList<>();
    final io.gureum.core.state.RegisteredTags tags = new io.gureum.core.state.RegisteredTags();

    OidcProvider(String arn, String url, Instant created) {
        this.arn = arn;
        this.url = url;
        this.created = created;
    }
}
